namespace EdgeOrch.Bench;

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
    private readonly double _cpu0 = CpuTime.Seconds(pid);
    private readonly long _t0 = System.Diagnostics.Stopwatch.GetTimestamp();

    public CpuWindow Stop() =>
        new(CpuTime.Seconds(pid) - _cpu0, Stats.TicksToMs(System.Diagnostics.Stopwatch.GetTimestamp() - _t0) / 1000.0);
}
