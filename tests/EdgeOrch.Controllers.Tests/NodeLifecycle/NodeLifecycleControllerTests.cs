using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Controllers.NodeLifecycle;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.NodeLifecycle;

public class NodeLifecycleControllerTests
{
    private const string DefaultTolerations = """[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]""";

    private sealed class Cluster : IAsyncDisposable
    {
        public Cluster(NodeLifecycleOptions? options = null) =>
            H = new ControllerHarness(ctx => new NodeLifecycleController(ctx, options));

        public ControllerHarness H { get; }

        public ManualTimeProvider Clock => H.Clock!;

        public string Now => Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        public void AddNode(string name, bool controlPlane = false)
        {
            var labels = new JsonObject { ["kubernetes.io/hostname"] = name };
            if (controlPlane) labels["node-role.kubernetes.io/control-plane"] = "";
            H.Client.Seed(H.Type("", "v1", "nodes"), new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
                ["spec"] = new JsonObject(),
                ["status"] = new JsonObject { ["conditions"] = new JsonArray(Ready("True")) },
            });
            H.Client.Seed(H.Type("coordination.k8s.io", "v1", "leases"), new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kube-node-lease" },
                ["spec"] = new JsonObject { ["holderIdentity"] = name, ["leaseDurationSeconds"] = 40, ["renewTime"] = Now },
            });
        }

        public JsonObject Ready(string status) => new()
        {
            ["type"] = "Ready", ["status"] = status, ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status",
            ["lastHeartbeatTime"] = Now, ["lastTransitionTime"] = Now,
        };

        public void AddPod(string name, string node, string? tolerations = DefaultTolerations)
        {
            var spec = new JsonObject { ["nodeName"] = node, ["containers"] = JsonNode.Parse("""[{"name":"c","image":"nginx"}]""") };
            if (tolerations is not null) spec["tolerations"] = JsonNode.Parse(tolerations);
            H.Client.Seed(H.Type("", "v1", "pods"), new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
                ["spec"] = spec,
                ["status"] = new JsonObject { ["phase"] = "Running" },
            });
        }

        /// <summary>What a live node does: renew its lease (and, when it was marked Unknown, report Ready again).</summary>
        public async Task HeartbeatAsync(string name, bool reportReady = false)
        {
            await H.Client.PatchAsync(H.Type("coordination.k8s.io", "v1", "leases"), "kube-node-lease", name, PatchType.Merge,
                new JsonObject { ["spec"] = new JsonObject { ["renewTime"] = Now } });
            if (reportReady)
                await H.Client.PatchAsync(H.Type("", "v1", "nodes"), null, name, PatchType.Merge,
                    new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(Ready("True")) } }, "status");
        }

        /// <summary>Moves the clock in 5 s steps, keeping the named nodes alive.</summary>
        public async Task PassAsync(TimeSpan span, params string[] alive)
        {
            for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromSeconds(5))
            {
                foreach (var n in alive)
                    await HeartbeatAsync(n);
                await H.AdvanceAsync(TimeSpan.FromSeconds(5));
            }
        }

        public JsonObject Node(string name) => H.Client.Peek(H.Type("", "v1", "nodes"), null, name)!;

        public bool PodExists(string name) => H.Client.Peek(H.Type("", "v1", "pods"), "default", name) is not null;

        public string? ReadyStatus(string name) =>
            (string?)Node(name)["status"]!["conditions"]!.AsArray().First(c => (string?)c!["type"] == "Ready")!["status"];

        public List<string> Taints(string name) =>
            (Node(name)["spec"]!["taints"] as JsonArray ?? []).Select(t => $"{t!["key"]}:{t["effect"]}").ToList();

        public ValueTask DisposeAsync() => H.DisposeAsync();
    }

    [Fact]
    public async Task SilentNodeBecomesUnknownAndTaintedAfterTheGracePeriodThenEvictsPerTolerations()
    {
        await using var c = new Cluster();
        c.AddNode("edge1");
        c.AddNode("edge2");
        c.AddPod("tolerant", "edge1");
        c.AddPod("intolerant", "edge1", tolerations: null);
        await c.H.StartAsync();
        await c.H.SettleAsync();

        await c.PassAsync(TimeSpan.FromSeconds(35), "edge2");
        Assert.Equal("True", c.ReadyStatus("edge1"));
        Assert.Empty(c.Taints("edge1"));

        await c.PassAsync(TimeSpan.FromSeconds(10), "edge2");
        Assert.Equal("Unknown", c.ReadyStatus("edge1"));
        Assert.Equal("NodeStatusUnknown", (string?)c.Node("edge1")["status"]!["conditions"]![0]!["reason"]);
        Assert.Equal(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"], c.Taints("edge1"));
        Assert.False(c.PodExists("intolerant"));
        Assert.True(c.PodExists("tolerant"));
        Assert.Equal("True", c.ReadyStatus("edge2"));
        Assert.Contains(c.H.Events(), e => (string?)e["reason"] == "NodeNotReady" && (string?)e["message"] == "Node edge1 status is now: NodeNotReady");

        await c.PassAsync(TimeSpan.FromSeconds(290), "edge2");
        Assert.True(c.PodExists("tolerant"));
        await c.PassAsync(TimeSpan.FromSeconds(15), "edge2");
        Assert.False(c.PodExists("tolerant"));
        Assert.Contains(c.H.Events(), e => (string?)e["reason"] == "TaintManagerEviction" && (string?)e["message"] == "Marking for deletion Pod default/tolerant");
    }

    [Fact]
    public async Task NodeComingBackBeforeEvictionKeepsItsPodsAndLosesItsTaints()
    {
        await using var c = new Cluster();
        c.AddNode("edge1");
        c.AddNode("edge2");
        c.AddPod("web", "edge1");
        await c.H.StartAsync();
        await c.PassAsync(TimeSpan.FromSeconds(60), "edge2");
        Assert.Equal("Unknown", c.ReadyStatus("edge1"));

        await c.HeartbeatAsync("edge1", reportReady: true);
        await c.H.SettleAsync();
        Assert.Empty(c.Taints("edge1"));
        await c.PassAsync(TimeSpan.FromSeconds(400), "edge1", "edge2");
        Assert.True(c.PodExists("web"));
        Assert.Empty(c.Taints("edge1"));
        Assert.DoesNotContain(c.H.Client.Writes, w => w.Verb == "delete");
    }

    [Fact]
    public async Task LeaseRenewedButReadyNotYetReportedEvictsNothing()
    {
        await using var c = new Cluster();
        c.AddNode("edge1");
        c.AddNode("edge2");
        c.AddPod("web", "edge1", tolerations: null);
        await c.H.StartAsync();
        // Lease back just before the node would be declared dead: nothing happens at all.
        await c.PassAsync(TimeSpan.FromSeconds(35), "edge2");
        await c.PassAsync(TimeSpan.FromSeconds(100), "edge1", "edge2");
        Assert.True(c.PodExists("web"));
        Assert.Equal("True", c.ReadyStatus("edge1"));
    }

    [Fact]
    public async Task ControlPlaneNodeIsTaintedButNeverEvictsByDefault()
    {
        await using var c = new Cluster();
        c.AddNode("device", controlPlane: true);
        c.AddNode("other");
        c.AddPod("app", "device", tolerations: null);
        await c.H.StartAsync();
        await c.PassAsync(TimeSpan.FromSeconds(400), "other");
        Assert.Equal("Unknown", c.ReadyStatus("device"));
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute", c.Taints("device"));
        Assert.True(c.PodExists("app"));
    }

    [Fact]
    public async Task ControlPlaneEvictionCanBeTurnedOn()
    {
        await using var c = new Cluster(new NodeLifecycleOptions { EvictControlPlaneNodes = true });
        c.AddNode("device", controlPlane: true);
        c.AddNode("other");
        c.AddPod("app", "device", tolerations: null);
        await c.H.StartAsync();
        await c.PassAsync(TimeSpan.FromSeconds(60), "other");
        Assert.False(c.PodExists("app"));
    }

    [Fact]
    public async Task WhenEveryNodeIsSilentNothingIsEvicted()
    {
        await using var c = new Cluster();
        c.AddNode("only");
        c.AddPod("app", "only", tolerations: null);
        await c.H.StartAsync();
        await c.PassAsync(TimeSpan.FromSeconds(400));
        Assert.Equal("Unknown", c.ReadyStatus("only"));
        Assert.Equal(["node.kubernetes.io/unreachable:NoSchedule"], c.Taints("only"));
        Assert.True(c.PodExists("app"));
    }

    [Fact]
    public async Task EvictionsAreRateLimitedPerNode()
    {
        await using var c = new Cluster();
        foreach (var n in new[] { "a", "b", "alive" })
            c.AddNode(n);
        c.AddPod("pa", "a", tolerations: null);
        c.AddPod("pb", "b", tolerations: null);
        await c.H.StartAsync();
        await c.PassAsync(TimeSpan.FromSeconds(45), "alive");
        // Rate limited: the two silent nodes are never evicted in the same 10 s window. (Which pass starts the first
        // eviction depends on when the lifecycle pass lands relative to the manual clock's steps, so only the bound is exact.)
        Assert.True(new[] { "pa", "pb" }.Count(c.PodExists) >= 1, "both nodes were evicted at once: the rate limit did not hold");
        await c.PassAsync(TimeSpan.FromSeconds(30), "alive");
        Assert.False(c.PodExists("pa"));
        Assert.False(c.PodExists("pb"));
    }

    [Fact]
    public async Task NodeReportingNotReadyGetsNotReadyTaints()
    {
        await using var c = new Cluster();
        c.AddNode("sick");
        await c.H.StartAsync();
        await c.H.Client.PatchAsync(c.H.Type("", "v1", "nodes"), null, "sick", PatchType.Merge,
            new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(c.Ready("False")) } }, "status");
        await c.H.SettleAsync();
        Assert.Equal(["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"], c.Taints("sick"));
    }
}
