using System.Diagnostics;

namespace EdgeOrch.Bench;

/// <summary>
/// One throw-away cluster for the control-plane scenario: `edgeorch server` on a fresh data dir and loopback port, and
/// `edgeorch sim-nodes` with N nodes, plus the bench's HTTP clients (a writer pool and a separate one for watches).
/// Disposing stops both processes by PID.
/// </summary>
internal sealed class ControlPlaneCluster : IAsyncDisposable
{
    private ControlPlaneCluster(ChildProcess server, ChildProcess sim, HttpClient writers, HttpClient watches, double nodesReadySeconds)
    {
        Server = server;
        Sim = sim;
        Writers = writers;
        Watches = watches;
        NodesReadySeconds = nodesReadySeconds;
    }

    public ChildProcess Server { get; }
    public ChildProcess Sim { get; }
    public HttpClient Writers { get; }
    public HttpClient Watches { get; }

    /// <summary>From starting sim-nodes to all nodes Ready and untainted.</summary>
    public double NodesReadySeconds { get; }

    public int ServerExitCode { get; private set; } = -1;

    public static async Task<ControlPlaneCluster> StartAsync(string binary, string dir, int nodes, int writers)
    {
        Directory.CreateDirectory(dir);
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        var (server, _, _) = await Servers.StartEdgeOrchAsync(binary, Path.Combine(dir, "data"), kubeconfig);
        ChildProcess? sim = null;
        HttpClient? writerClient = null, watchClient = null;
        try
        {
            var kc = Kubeconfig.Load(kubeconfig);
            writerClient = Http.Create(new Uri(kc.Server), writers, http2: false, kc.Ca, kc.Token);
            watchClient = Http.Create(new Uri(kc.Server), 8, http2: false, kc.Ca, kc.Token);
            watchClient.Timeout = Timeout.InfiniteTimeSpan;
            var sw = Stopwatch.StartNew();
            sim = new ChildProcess(binary, ["sim-nodes", "--kubeconfig", kubeconfig, "--count", nodes.ToString(), "--log-level", "warn"]);
            while (await ControlPlaneWorkloads.SchedulableNodesAsync(writerClient) < nodes)
            {
                if (sim.HasExited)
                {
                    throw new InvalidOperationException($"sim-nodes exited:\n{sim.Tail()}");
                }
                if (sw.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"{nodes} simulated nodes not Ready within 60 s:\n{sim.Tail()}");
                }
                await Task.Delay(100);
            }
            return new ControlPlaneCluster(server, sim, writerClient, watchClient, sw.Elapsed.TotalSeconds);
        }
        catch
        {
            writerClient?.Dispose();
            watchClient?.Dispose();
            sim?.Dispose();
            server.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Writers.Dispose();
        Watches.Dispose();
        Sim.Dispose();
        ServerExitCode = Server.Stop(TimeSpan.FromSeconds(30));
        Server.Dispose();
        return ValueTask.CompletedTask;
    }
}
