using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeOrch.Bench;

/// <summary>Starts edgeorch and etcd on loopback ports and waits for them to answer.</summary>
internal static class Servers
{
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Starts `edgeorch server` and returns it with the time from spawn to the first 200 from /readyz.</summary>
    public static async Task<(ChildProcess Process, TimeSpan Ready, int Port)> StartEdgeOrchAsync(string binary, string dataDir, string kubeconfig)
    {
        var port = FreePort();
        using var probe = Http.CreateInsecureProbe();
        var sw = Stopwatch.StartNew();
        var p = new ChildProcess(binary,
        [
            "server", "--data-dir", dataDir, "--https-listen-port", port.ToString(), "--bind-address", "127.0.0.1",
            "--disable-agent", "--write-kubeconfig", kubeconfig,
        ]);
        await WaitAsync(p, probe, $"https://127.0.0.1:{port}/readyz", body => body.Trim() == "ok", "edgeorch");
        var ready = sw.Elapsed;
        // The kubeconfig is written at start-up; wait for it briefly in case it lands just after /readyz.
        for (var i = 0; i < 100 && !(File.Exists(kubeconfig) && new FileInfo(kubeconfig).Length > 0); i++)
        {
            await Task.Delay(20);
        }
        return (p, ready, port);
    }

    /// <summary>Starts a single-member etcd with its own data dir; returns its client URL.</summary>
    public static async Task<(ChildProcess Process, Uri ClientUrl)> StartEtcdAsync(string dataDir)
    {
        var client = $"http://127.0.0.1:{FreePort()}";
        var peer = $"http://127.0.0.1:{FreePort()}";
        var p = new ChildProcess("etcd",
        [
            "--name", "bench", "--data-dir", dataDir,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"bench={peer}", "--initial-cluster-state", "new",
            "--log-level", "warn",
        ]);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitAsync(p, probe, $"{client}/health", body => body.Contains("true"), "etcd");
        return (p, new Uri(client));
    }

    private static async Task WaitAsync(ChildProcess p, HttpClient probe, string url, Func<string, bool> ok, string what)
    {
        var sw = Stopwatch.StartNew();
        var last = "";
        while (sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (p.HasExited)
            {
                throw new InvalidOperationException($"{what} exited before becoming ready:\n{p.Tail()}");
            }
            try
            {
                using var r = await probe.GetAsync(url);
                var body = await r.Content.ReadAsStringAsync();
                if (r.StatusCode == HttpStatusCode.OK && ok(body))
                {
                    return;
                }
                last = $"{(int)r.StatusCode} {body}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timeout";
            }
            await Task.Delay(5);
        }
        p.Dispose();
        throw new TimeoutException($"{what} not ready within 20 s ({last}):\n{p.Tail()}");
    }
}
