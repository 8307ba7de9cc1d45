using System.Text;

namespace EdgeOrch.Bench;

/// <summary>Turns <see cref="Results"/> into the markdown section of docs/benchmarks.md.</summary>
internal static class ReportRenderer
{
    public static string Render(Options o, string[] args, string binary, Results r)
    {
        var sb = new StringBuilder();
        var command = "dotnet run -c Release --project tools/bench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args));
        sb.Line(Report.SectionTitle).Line();
        sb.Line($"- Command: `{command}` (the bench runs everything below in one go, {r.TotalSeconds:0} s).");
        sb.Line($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        sb.Line($"- Machine: {Environment.ProcessorCount} cores (nproc), {Machine.CpuModel()}, {Machine.MemTotal()} RAM, {Machine.Os()}, kernel {Machine.Kernel()}.");
        var kind = File.Exists(Path.ChangeExtension(binary, ".dll"))
            ? "a JIT (framework-dependent) build, NOT the NativeAOT binary: sizes, start-up and memory do not represent the product"
            : "NativeAOT";
        var shown = binary.StartsWith(Directory.GetCurrentDirectory() + "/", StringComparison.Ordinal)
            ? Path.GetRelativePath(Directory.GetCurrentDirectory(), binary) : binary;
        sb.Line($"- edgeorch: `{Machine.FirstLine(binary, "version")}` ({kind}; `{shown}`); etcd: `{(r.EtcdPath is null ? "not found" : Machine.FirstLine(r.EtcdPath, "--version"))}`; bench client: .NET {Environment.Version}.");
        sb.Line($"- Client and servers share the same {Environment.ProcessorCount} cores: the load generator's own CPU use lowers both servers' figures. Loopback only.");
        sb.Line($"- Load average (1/5/15 min) before the run: {r.LoadBefore}; after: {r.LoadAfter}. The bench alone keeps both cores busy during its write runs (so the figure after it is high anyway); a 1-minute figure well above 0 before the run means other work shared the machine and the figures are noisy.");
        sb.Line();

        sb.Line("### Footprint and start-up").Line();
        sb.Line("| | edgeorch | etcd |").Line("|---|---|---|");
        var edgeSize = r.BinaryFiles.Sum(f => f.Bytes);
        sb.Line($"| Binary size | {edgeSize / 1048576.0:0.0} MiB ({string.Join(" + ", r.BinaryFiles.Select(f => $"{f.Name} {f.Bytes / 1048576.0:0.00} MiB"))}) | {(r.EtcdSize > 0 ? $"{r.EtcdSize / 1048576.0:0.0} MiB" : "n/a")} |");
        sb.Line($"| Start to ready, fresh data dir (median of {r.FreshStartsMs.Count}; min-max) | {Report.Ms(Stats.Median(r.FreshStartsMs))} ms ({Report.Ms(Min(r.FreshStartsMs))}-{Report.Ms(Max(r.FreshStartsMs))}) | {(r.EtcdStartsMs.Count == 0 ? "n/a" : $"{Report.Ms(Stats.Median(r.EtcdStartsMs))} ms ({Report.Ms(Min(r.EtcdStartsMs))}-{Report.Ms(Max(r.EtcdStartsMs))}), median of {r.EtcdStartsMs.Count}")} |");
        sb.Line($"| Start to ready, existing data dir with {r.ObjectsStored:N0} ConfigMaps, {r.DataDirBytes / 1048576.0:0.0} MiB (median of {r.ExistingStartsMs.Count}; min-max) | {Report.Ms(Stats.Median(r.ExistingStartsMs))} ms ({Report.Ms(Min(r.ExistingStartsMs))}-{Report.Ms(Max(r.ExistingStartsMs))}) | - |");
        sb.Line($"| Idle RSS {o.IdleSeconds:0} s after start (VmRSS) | {Report.MiB(r.IdleRssMiB)} MiB | {Report.MiB(r.EtcdIdleRssMiB)} MiB |");
        sb.Line($"| RSS after the write runs (VmRSS; peak VmHWM) | {Report.MiB(r.LoadedRssMiB)} MiB; peak {Report.MiB(r.PeakRssMiB)} MiB | {Report.MiB(r.EtcdLoadedRssMiB)} MiB |");
        sb.Line($"| RSS 1 s after a restart on the existing data dir | {Report.MiB(r.ExistingIdleRssMiB)} MiB | - |");
        sb.Line();
        sb.Line("Start to ready is the time from spawning the process to the first `200 ok` from `/readyz` (edgeorch, polled every 5 ms over HTTPS) " +
                "or `/health` (etcd). " + $"SIGTERM exit codes seen: {string.Join(", ", r.StopExitCodes.Append(r.MainExitCode).Distinct())}.");
        sb.Line();

        sb.Line($"### Writes: {o.Clients} concurrent clients, closed loop, {o.Runs} runs of {o.RunSeconds:0} s after a 2 s warm-up").Line();
        sb.Line("| Target | Request | Protocol | ops/s (median) | ops/s per run | p50 ms | p99 ms | server CPU ms per 1,000 writes | errors | Durability |");
        sb.Line("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, runs) in r.EdgeRuns)
        {
            var protocol = label == "HTTP/2" ? "HTTP/2 (one TLS connection, multiplexed, as kubectl/client-go)" : $"HTTP/1.1 keep-alive ({o.Clients} TLS connections)";
            sb.Line(Row("edgeorch", $"`POST /api/v1/namespaces/bench/configmaps` ({o.ValueBytes}-byte value; the whole API request path of this build)",
                protocol, runs,
                "SQLite WAL, synchronous=FULL (the store's default durability), group commit: each acknowledged write was fsynced, power-loss safe"));
        }
        if (r.EtcdRuns.Count > 0)
        {
            sb.Line(Row("etcd", $"`POST /v3/kv/put` (HTTP/JSON gateway; same ConfigMap JSON as the value, base64)",
                $"HTTP/1.1 keep-alive ({o.Clients} connections), plain HTTP", r.EtcdRuns,
                "fsync of the WAL on every commit (raft): power-loss safe"));
        }
        sb.Line();
        sb.Line("p50/p99 are the medians over the runs of each run's percentile. The edgeorch figure is a whole Kubernetes API request " +
                "(TLS, bearer token, JSON decode, admission, store write, watch fan-out, response), the etcd figure a bare key-value put without TLS, " +
                "so they are not like for like: etcd is the store a Kubernetes API server would sit on, and that API server would add its own cost on top. " +
                "Server CPU per 1,000 writes is the server process's user+system time over a run divided by its writes: it is less disturbed by other load on the machine than ops/s.");
        sb.Line();

        sb.Line("### Watch delivery latency").Line();
        sb.Line("A watcher (`GET /api/v1/namespaces/bench-watch/configmaps?watch=true`, started from a listed resourceVersion) receives the ADDED events; " +
                $"latency is from just before the create request is sent to the arrival of its ADDED event at the watcher. Writers and watcher use {r.WatchProtocol}.");
        sb.Line();
        sb.Line("| Writers | creates acknowledged | events | p50 ms | p99 ms | max ms | creates with no event |").Line("|---|---|---|---|---|---|---|");
        foreach (var w in new[] { r.WatchIdle, r.WatchLoaded })
        {
            sb.Line($"| {w.Writers} | {w.Ok} | {w.LatenciesMs.Length} | {Report.Ms(w.P50)} | {Report.Ms(w.P99)} | {Report.Ms(w.Max)} | {w.Missing}{(w.Error is null ? "" : $" (watch error: {w.Error})")} |");
        }
        return sb.ToString();
    }

    private static string Row(string target, string request, string protocol, List<LoadResult> runs, string durability)
    {
        var perRun = string.Join(", ", runs.Select(x => x.PerSecond.ToString("0")));
        var errors = runs.Sum(x => x.Errors);
        var firstError = runs.Select(x => x.FirstError).FirstOrDefault(e => e is not null);
        return $"| {target} | {request} | {protocol} | **{Stats.Median(runs.Select(x => x.PerSecond).ToArray()):0}** | {perRun} | " +
               $"{Report.Ms(Stats.Median(runs.Select(x => x.P50).ToArray()))} | {Report.Ms(Stats.Median(runs.Select(x => x.P99).ToArray()))} | " +
               $"{Stats.Median(runs.Select(x => x.CpuMsPer1000).ToArray()):0} | " +
               $"{errors}{(firstError is null ? "" : $" ({firstError})")} | {durability} |";
    }

    private static double Min(List<double> xs) => xs.Count == 0 ? double.NaN : xs.Min();
    private static double Max(List<double> xs) => xs.Count == 0 ? double.NaN : xs.Max();
}
