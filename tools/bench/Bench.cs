using System.Diagnostics;
using System.Text;

namespace EdgeOrch.Bench;

/// <summary>
/// Runs every measurement in one process so that edgeorch and its peer (etcd) are measured in the same run on
/// the same machine, then writes the markdown section.
/// </summary>
internal sealed class Bench
{
    private readonly Options _o;
    private readonly string[] _args;
    private readonly string _root;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "edgeorch-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _value;

    public Bench(Options options, string[] args)
    {
        _o = options;
        _args = args;
        _root = FindRepoRoot();
        _value = new string('v', options.ValueBytes);
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "EdgeOrch.sln")))
                {
                    return d.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private string Binary()
    {
        var b = _o.Binary ?? Environment.GetEnvironmentVariable("EDGEORCH_BINARY")
            ?? Path.Combine(_root, "artifacts", "publish", "linux-x64", "edgeorch");
        if (!File.Exists(b))
        {
            throw new FileNotFoundException(
                $"edgeorch binary not found at {b}; publish it with `dotnet publish src/EdgeOrch -c Release -r linux-x64 -o artifacts/publish/linux-x64` or pass --binary.");
        }
        return Path.GetFullPath(b);
    }

    public async Task RunAsync()
    {
        var total = Stopwatch.StartNew();
        var binary = Binary();
        Directory.CreateDirectory(_work);
        try
        {
            if (_o.RunsApi)
            {
                await RunApiAsync(binary, total);
            }
            if (_o.RunsControlPlane)
            {
                var outPath = Path.IsPathRooted(_o.Out) ? _o.Out : Path.Combine(_root, _o.Out);
                await new ControlPlaneBench(_o, _args, binary, Path.Combine(_work, "controlplane")).RunAsync(outPath);
            }
        }
        finally
        {
            try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The issue-2 measurements: footprint, start-up, writes against etcd, watch latency.</summary>
    private async Task RunApiAsync(string binary, Stopwatch total)
    {
        var r = new Results { LoadBefore = Machine.LoadAverage() };
        Footprint(binary, r);
        await ColdStartsAsync(binary, r);
        await MainRunAsync(binary, r);
        await ExistingStartsAsync(binary, r);
        r.TotalSeconds = total.Elapsed.TotalSeconds;
        r.LoadAfter = Machine.LoadAverage();
        var section = Render(binary, r);
        var outPath = Path.IsPathRooted(_o.Out) ? _o.Out : Path.Combine(_root, _o.Out);
        Report.WriteSection(outPath, section);
        Console.WriteLine(section);
        Log($"wrote {outPath} ({total.Elapsed.TotalSeconds:0} s)");
    }

    private static void Footprint(string binary, Results r)
    {
        var dir = Path.GetDirectoryName(binary)!;
        r.BinaryFiles.Add((Path.GetFileName(binary), new FileInfo(binary).Length));
        foreach (var so in Directory.GetFiles(dir, "*.so").OrderBy(f => f))
        {
            r.BinaryFiles.Add((Path.GetFileName(so), new FileInfo(so).Length));
        }
        var etcd = Machine.FirstLine("which", "etcd");
        r.EtcdPath = File.Exists(etcd) ? etcd : null;
        r.EtcdSize = r.EtcdPath is null ? 0 : new FileInfo(r.EtcdPath).Length;
    }

    private async Task ColdStartsAsync(string binary, Results r)
    {
        Log($"edgeorch cold start x{_o.Starts} on fresh data dirs");
        for (var i = 0; i < _o.Starts; i++)
        {
            var dir = Path.Combine(_work, $"fresh-{i}");
            Directory.CreateDirectory(dir);
            var (p, ready, _) = await Servers.StartEdgeOrchAsync(binary, Path.Combine(dir, "data"), Path.Combine(dir, "kubeconfig"));
            r.FreshStartsMs.Add(ready.TotalMilliseconds);
            r.StopExitCodes.Add(p.Stop());
            p.Dispose();
            Directory.Delete(dir, recursive: true);
        }
        if (!_o.SkipEtcd)
        {
            var n = Math.Min(_o.Starts, 5);
            Log($"etcd cold start x{n} on fresh data dirs");
            for (var i = 0; i < n; i++)
            {
                var dir = Path.Combine(_work, $"etcd-fresh-{i}");
                var sw = Stopwatch.StartNew();
                var (p, _) = await Servers.StartEtcdAsync(dir);
                r.EtcdStartsMs.Add(sw.Elapsed.TotalMilliseconds);
                p.Dispose();
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private string MainDataDir => Path.Combine(_work, "main", "data");
    private string MainKubeconfig => Path.Combine(_work, "main", "kubeconfig");

    private async Task MainRunAsync(string binary, Results r)
    {
        Directory.CreateDirectory(Path.Combine(_work, "main"));
        var (edge, _, _) = await Servers.StartEdgeOrchAsync(binary, MainDataDir, MainKubeconfig);
        ChildProcess? etcd = null;
        Uri? etcdUrl = null;
        try
        {
            if (!_o.SkipEtcd)
            {
                (etcd, etcdUrl) = await Servers.StartEtcdAsync(Path.Combine(_work, "etcd-main"));
            }
            Log($"idle {_o.IdleSeconds} s (both servers up, no requests)");
            await Task.Delay(TimeSpan.FromSeconds(_o.IdleSeconds));
            r.IdleRssMiB = Rss.MiB(edge.Pid);
            r.EtcdIdleRssMiB = etcd is null ? double.NaN : Rss.MiB(etcd.Pid);

            var kc = Kubeconfig.Load(MainKubeconfig);
            var watchHttp2 = !_o.Http1;
            using var client = Http.Create(new Uri(kc.Server), _o.Clients, watchHttp2, kc.Ca, kc.Token);
            await Workloads.CreateNamespaceAsync(client, "bench");
            await Workloads.CreateNamespaceAsync(client, "bench-watch");

            foreach (var (http2, label) in new[] { (false, "HTTP/1.1"), (true, "HTTP/2") }.Where(p => p.Item1 ? _o.Http2 : _o.Http1))
            {
                using var loadClient = Http.Create(new Uri(kc.Server), _o.Clients, http2, kc.Ca, kc.Token);
                var tag = http2 ? "h2" : "h1";
                Log($"edgeorch warm-up 2 s ({label})");
                var warm = await LoadRunner.RunAsync(_o.Clients, TimeSpan.FromSeconds(2),
                    (w, i) => Workloads.CreateConfigMapAsync(loadClient, "bench", $"warm-{tag}-{w}-{i}", _value));
                r.ObjectsStored += warm.Ok;
                var runs = new List<LoadResult>();
                for (var run = 0; run < _o.Runs; run++)
                {
                    var runId = run;
                    Log($"edgeorch ConfigMap creates over {label}, run {run + 1}/{_o.Runs}");
                    var res = await LoadRunner.RunAsync(edge.Pid, _o.Clients, TimeSpan.FromSeconds(_o.RunSeconds),
                        (w, i) => Workloads.CreateConfigMapAsync(loadClient, "bench", $"{tag}-r{runId}-{w}-{i}", _value));
                    runs.Add(res);
                    Log($"  {res.PerSecond:0}/s p50 {res.P50:0.00} ms p99 {res.P99:0.00} ms, server CPU {res.CpuMsPer1000:0} ms per 1000, errors {res.Errors} {res.FirstError}");
                }
                r.EdgeRuns.Add((label, runs));
            }

            using var watchClient = Http.Create(new Uri(kc.Server), 2, watchHttp2, kc.Ca, kc.Token);
            r.WatchProtocol = watchHttp2 ? "HTTP/2" : "HTTP/1.1";
            Log("watch latency, 1 writer, 3 s");
            r.WatchIdle = await WatchLatencyAsync(client, watchClient, 1, TimeSpan.FromSeconds(3), "idle");
            Log($"watch latency, {_o.Clients} writers, 5 s");
            r.WatchLoaded = await WatchLatencyAsync(client, watchClient, _o.Clients, TimeSpan.FromSeconds(5), "load");
            r.LoadedRssMiB = Rss.MiB(edge.Pid);
            r.PeakRssMiB = Rss.MiB(edge.Pid, "VmHWM");
            r.ObjectsStored += r.EdgeRuns.Sum(p => p.Runs.Sum(x => x.Ok)) + r.WatchIdle.Ok + r.WatchLoaded.Ok;
        }
        finally
        {
            r.MainExitCode = edge.Stop(TimeSpan.FromSeconds(30));
            edge.Dispose();
        }

        if (etcd is not null)
        {
            try
            {
                using var ec = Http.Create(etcdUrl!, _o.Clients, http2: false);
                Log("etcd warm-up 2 s");
                await LoadRunner.RunAsync(_o.Clients, TimeSpan.FromSeconds(2),
                    (w, i) => Workloads.EtcdPutAsync(ec, $"/registry/configmaps/bench/warm-{w}-{i}", Workloads.ConfigMapJson($"warm-{w}-{i}", _value)));
                for (var run = 0; run < _o.Runs; run++)
                {
                    var runId = run;
                    Log($"etcd puts, run {run + 1}/{_o.Runs}");
                    var res = await LoadRunner.RunAsync(etcd.Pid, _o.Clients, TimeSpan.FromSeconds(_o.RunSeconds),
                        (w, i) => Workloads.EtcdPutAsync(ec, $"/registry/configmaps/bench/r{runId}-{w}-{i}",
                            Workloads.ConfigMapJson($"r{runId}-{w}-{i}", _value)));
                    r.EtcdRuns.Add(res);
                    Log($"  {res.PerSecond:0}/s p50 {res.P50:0.00} ms p99 {res.P99:0.00} ms, server CPU {res.CpuMsPer1000:0} ms per 1000, errors {res.Errors} {res.FirstError}");
                }
                r.EtcdLoadedRssMiB = Rss.MiB(etcd.Pid);
            }
            finally
            {
                etcd.Dispose();
            }
        }
    }

    private async Task<WatchResult> WatchLatencyAsync(HttpClient client, HttpClient watchClient, int writers, TimeSpan duration, string tag)
    {
        await using var probe = await WatchProbe.StartAsync(watchClient, "bench-watch");
        var load = await LoadRunner.RunAsync(writers, duration, async (w, i) =>
        {
            var name = $"{tag}-{w}-{i}";
            probe.MarkSent(name);
            var ok = await Workloads.CreateConfigMapAsync(client, "bench-watch", name, _value);
            if (!ok)
            {
                probe.Forget(name);
            }
            return ok;
        });
        var (latencies, missing) = await probe.CollectAsync();
        if (probe.Error is not null)
        {
            Log("  watch error: " + probe.Error);
        }
        var result = new WatchResult(writers, load.Ok, latencies, missing, probe.Error);
        Log($"  {latencies.Length} events, p50 {result.P50:0.00} ms p99 {result.P99:0.00} ms, missing {missing}");
        return result;
    }

    private async Task ExistingStartsAsync(string binary, Results r)
    {
        // Each start on the filled data dir costs seconds: 5 keep the whole bench within about 3 minutes.
        var starts = Math.Min(_o.Starts, 5);
        Log($"edgeorch start x{starts} on the existing data dir ({r.ObjectsStored} objects)");
        for (var i = 0; i < starts; i++)
        {
            var (p, ready, _) = await Servers.StartEdgeOrchAsync(binary, MainDataDir, MainKubeconfig);
            r.ExistingStartsMs.Add(ready.TotalMilliseconds);
            if (i == 0)
            {
                await Task.Delay(1000);
                r.ExistingIdleRssMiB = Rss.MiB(p.Pid);
            }
            r.StopExitCodes.Add(p.Stop());
            p.Dispose();
        }
        r.DataDirBytes = Directory.Exists(MainDataDir)
            ? new DirectoryInfo(MainDataDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
    }

    private string Render(string binary, Results r) => ReportRenderer.Render(_o, _args, binary, r);
}
