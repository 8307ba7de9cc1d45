namespace EdgeOrch.Bench;

/// <summary>
/// CPU time a process has used (user + system, from /proc/PID/stat). The CPU a server spends per write is much less
/// disturbed by other work on a shared machine than its throughput is.
/// </summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on Linux x86-64 and arm64

    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may contain spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after "pid (comm)" (0-based 11, 12).
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
