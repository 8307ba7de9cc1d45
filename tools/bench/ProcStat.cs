namespace EdgeOrch.Bench;

/// <summary>CPU time a process has used so far (utime + stime from /proc/PID/stat), for CPU-over-a-window figures.</summary>
internal static class ProcStat
{
    private static readonly Lazy<double> TicksPerSecond = new(() =>
        double.TryParse(Machine.FirstLine("getconf", "CLK_TCK"), out var t) && t > 0 ? t : 100);

    /// <summary>utime + stime in seconds, or NaN if the process is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) rest[12].
            return (long.Parse(rest[11]) + long.Parse(rest[12])) / TicksPerSecond.Value;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}

/// <summary>CPU used by a process over a window: seconds of CPU and the same as a share of one core.</summary>
internal sealed record CpuWindow(double CpuSeconds, double WallSeconds)
{
    public double PercentOfOneCore => WallSeconds <= 0 ? double.NaN : CpuSeconds / WallSeconds * 100;

    public static CpuWindow Empty { get; } = new(double.NaN, double.NaN);

    public override string ToString() => double.IsNaN(CpuSeconds) ? "n/a" : $"{CpuSeconds:0.00} s CPU over {WallSeconds:0.0} s ({PercentOfOneCore:0}% of one core)";
}

/// <summary>Starts a CPU window on a process; <see cref="Stop"/> gives its figures.</summary>
internal sealed class CpuMeter(int pid)
{
    private readonly double _cpu0 = ProcStat.CpuSeconds(pid);
    private readonly long _t0 = System.Diagnostics.Stopwatch.GetTimestamp();

    public CpuWindow Stop() =>
        new(ProcStat.CpuSeconds(pid) - _cpu0, Stats.TicksToMs(System.Diagnostics.Stopwatch.GetTimestamp() - _t0) / 1000.0);
}
