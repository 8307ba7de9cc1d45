using System.Collections.Concurrent;
using EdgeOrch.E2E.Tests.Harness;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace EdgeOrch.E2E.Tests;

/// <summary>
/// Durability across process restarts: a clean SIGTERM stop, and a SIGKILL in the middle of a write storm.
/// Each test owns its server (it stops it), so no shared fixture here.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RestartTests
{
    private readonly ITestOutputHelper _output;

    public RestartTests(ITestOutputHelper output) => _output = output;

    private static V1ConfigMap ConfigMap(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["value"] = value },
    };

    [Fact]
    public async Task CleanStopAndStartKeepsObjectsAndResourceVersionsGrow()
    {
        var f = new ServerFixture();
        try
        {
            await f.InitializeAsync();
            var ns = await f.CreateNamespaceAsync("restart");
            await f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
            var before = new Dictionary<string, V1ConfigMap>();
            for (var i = 0; i < 10; i++)
            {
                var cm = await f.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"c{i}", $"v{i}"), ns);
                before[cm.Metadata.Name] = cm;
            }
            var deployment = await f.Kubernetes.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
            var listRvBefore = long.Parse((await f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion);
            var maxRvBefore = before.Values.Max(c => long.Parse(c.Metadata.ResourceVersion));

            var exitCode = await f.Server.StopAsync(TimeSpan.FromSeconds(15));
            Assert.True(exitCode == 0, $"SIGTERM should stop the server cleanly with exit code 0, got {exitCode}.\n{f.Server.DescribeOutput()}");

            await f.StartAgainAsync();
            _output.WriteLine($"restart to ready: {f.Server.LastStartToReady.TotalMilliseconds:0} ms");
            var after = await f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns);
            var ours = after.Items.Where(c => c.Metadata.Name != "kube-root-ca.crt").ToList(); // the root-CA controller's
            Assert.Equal(before.Keys.OrderBy(k => k), ours.Select(c => c.Metadata.Name).OrderBy(k => k));
            foreach (var cm in ours)
            {
                var old = before[cm.Metadata.Name];
                Assert.Equal(old.Metadata.Uid, cm.Metadata.Uid);
                Assert.Equal(old.Metadata.ResourceVersion, cm.Metadata.ResourceVersion);
                Assert.Equal(old.Data["value"], cm.Data["value"]);
            }
            Assert.True(long.Parse(after.Metadata.ResourceVersion) >= listRvBefore,
                $"list resourceVersion went backwards: {listRvBefore} -> {after.Metadata.ResourceVersion}");
            var d = await f.Kubernetes.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
            Assert.Equal(deployment.Metadata.Uid, d.Metadata.Uid);
            Assert.Equal(3, d.Spec.Replicas);
            Assert.Contains("web", await f.KubectlOkAsync("get", "deploy", "-n", ns));

            var fresh = await f.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after", "x"), ns);
            Assert.True(long.Parse(fresh.Metadata.ResourceVersion) > Math.Max(maxRvBefore, listRvBefore),
                $"a write after restart got resourceVersion {fresh.Metadata.ResourceVersion}, not above {Math.Max(maxRvBefore, listRvBefore)}");
            var c0 = after.Items.Single(c => c.Metadata.Name == "c0");
            c0.Data["value"] = "changed";
            var replaced = await f.Kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(c0, "c0", ns);
            Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(fresh.Metadata.ResourceVersion));
        }
        finally
        {
            await f.DisposeAsync();
        }
    }

    [Fact]
    public async Task KillDuringWriteStormLosesNoAcknowledgedWrite()
    {
        var f = new ServerFixture();
        try
        {
            await f.InitializeAsync();
            var ns = await f.CreateNamespaceAsync("storm");
            var acknowledged = new ConcurrentBag<string>();
            var failures = new ConcurrentBag<string>();
            var value = new string('x', 256);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var client = f.Kubernetes;

            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    try
                    {
                        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, value), ns, cancellationToken: stop.Token);
                        acknowledged.Add(name);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
                                                   or k8s.Autorest.HttpOperationException)
                    {
                        failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
                        return; // the server is gone; this writer is done
                    }
                }
            })).ToArray();

            // Let the storm build up, then kill -9 while requests are in flight.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (acknowledged.Count < 1500 && DateTime.UtcNow < deadline && writers.All(t => !t.IsCompleted))
            {
                await Task.Delay(50);
            }
            Assert.True(writers.All(t => !t.IsCompleted),
                "a writer stopped before the kill: " + string.Join("\n", failures) + "\n" + f.Server.DescribeOutput());
            f.Server.KillHard();
            var ackedAtKill = acknowledged.Count;
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
            var acked = acknowledged.ToHashSet();
            _output.WriteLine($"acknowledged before kill: {ackedAtKill}, in total: {acked.Count}; writers ended: {failures.Count}");
            Assert.True(acked.Count >= 20, $"too few writes were acknowledged to mean anything ({acked.Count}).");

            await f.StartAgainAsync();
            var stored = new HashSet<string>();
            string? token = null;
            do
            {
                var page = await f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 500, continueParameter: token);
                stored.UnionWith(page.Items.Select(i => i.Metadata.Name));
                token = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(token));

            var lost = acked.Except(stored).OrderBy(n => n).ToList();
            Assert.True(lost.Count == 0,
                $"{lost.Count} of {acked.Count} acknowledged configmaps are missing after kill -9 and restart: {string.Join(", ", lost.Take(20))}");
            _output.WriteLine($"stored after restart: {stored.Count} (>= acknowledged {acked.Count})");

            // The store is writable again.
            await f.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after-crash", "ok"), ns);
        }
        finally
        {
            await f.DisposeAsync();
        }
    }
}
