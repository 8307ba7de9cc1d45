namespace EdgeOrch.Bench;

/// <summary>Resident set size of a process from /proc/PID/status.</summary>
internal static class Rss
{
    /// <summary>VmRSS in MiB, or NaN if the process is gone.</summary>
    public static double MiB(int pid, string field = "VmRSS")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":"))
                {
                    var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        return double.NaN;
    }
}
