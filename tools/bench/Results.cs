namespace EdgeOrch.Bench;

/// <summary>Watch delivery latencies of one phase.</summary>
internal sealed record WatchResult(int Writers, int Ok, double[] LatenciesMs, int Missing, string? Error)
{
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);
    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs.Max();
}

/// <summary>Everything one bench run measured.</summary>
internal sealed class Results
{
    public List<(string Name, long Bytes)> BinaryFiles { get; } = [];
    public string? EtcdPath { get; set; }
    public long EtcdSize { get; set; }
    public List<double> FreshStartsMs { get; } = [];
    public List<double> ExistingStartsMs { get; } = [];
    public List<double> EtcdStartsMs { get; } = [];
    public List<int> StopExitCodes { get; } = [];
    public double IdleRssMiB { get; set; } = double.NaN;
    public double LoadedRssMiB { get; set; } = double.NaN;
    public double PeakRssMiB { get; set; } = double.NaN;
    public double ExistingIdleRssMiB { get; set; } = double.NaN;
    public double EtcdIdleRssMiB { get; set; } = double.NaN;
    public double EtcdLoadedRssMiB { get; set; } = double.NaN;
    /// <summary>edgeorch write runs per protocol label ("HTTP/1.1", "HTTP/2"), in the order measured.</summary>
    public List<(string Protocol, List<LoadResult> Runs)> EdgeRuns { get; } = [];
    public List<LoadResult> EtcdRuns { get; } = [];
    public WatchResult WatchIdle { get; set; } = new(0, 0, [], 0, null);
    public WatchResult WatchLoaded { get; set; } = new(0, 0, [], 0, null);
    public int ObjectsStored { get; set; }
    public string WatchProtocol { get; set; } = "HTTP/1.1";
    public long DataDirBytes { get; set; }
    public int MainExitCode { get; set; }
    public double TotalSeconds { get; set; }
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
}
