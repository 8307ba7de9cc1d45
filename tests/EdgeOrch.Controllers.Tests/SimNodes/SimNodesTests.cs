using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.SimNodes;
using EdgeOrch.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeOrch.Controllers.Tests.SimNodes;

public class SimNodesTests
{
    private static readonly SimNodeOptions Options = new() { Count = 3, Cpu = "2", Memory = "4Gi", Pods = 50, NamePrefix = "sim" };

    [Fact]
    public async Task RegistersNodesWithLeasesLabelsAndReadyCondition()
    {
        var clock = new ManualTimeProvider();
        var client = new FakeApiClient(clock);
        var registry = new ResourceRegistry();
        var fleet = new SimNodeFleet(client, registry, Options, clock, NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);

        var nodes = client.PeekAll(registry.Find("", "v1", "nodes")!);
        Assert.Equal(["sim-0", "sim-1", "sim-2"], nodes.Select(n => (string?)n["metadata"]!["name"]).Order());
        var node = nodes.First(n => (string?)n["metadata"]!["name"] == "sim-1");
        Assert.Equal("sim-1", (string?)node["metadata"]!["labels"]!["kubernetes.io/hostname"]);
        Assert.Equal("linux", (string?)node["metadata"]!["labels"]!["kubernetes.io/os"]);
        Assert.NotNull(node["metadata"]!["labels"]!["kubernetes.io/arch"]);
        Assert.Equal("2", (string?)node["status"]!["allocatable"]!["cpu"]);
        Assert.Equal("50", (string?)node["status"]!["capacity"]!["pods"]);
        Assert.Contains(node["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True");
        Assert.Contains(node["status"]!["addresses"]!.AsArray(), a => (string?)a!["type"] == "InternalIP");
        Assert.Equal("v1.32.4", (string?)node["status"]!["nodeInfo"]!["kubeletVersion"]);

        var leases = registry.Find("coordination.k8s.io", "v1", "leases")!;
        var lease = client.Peek(leases, "kube-node-lease", "sim-1")!;
        Assert.Equal("sim-1", (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal("2025-01-01T00:00:00.000000Z", (string?)lease["spec"]!["renewTime"]);

        clock.Advance(TimeSpan.FromSeconds(10));
        await fleet.HeartbeatAsync(null, CancellationToken.None);
        Assert.Equal("2025-01-01T00:00:10.000000Z", (string?)client.Peek(leases, "kube-node-lease", "sim-1")!["spec"]!["renewTime"]);
    }

    [Fact]
    public async Task RegisteringAgainTakesOverExistingNodes()
    {
        var client = new FakeApiClient();
        var registry = new ResourceRegistry();
        var fleet = new SimNodeFleet(client, registry, Options, TimeProvider.System, NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);
        await fleet.RegisterAsync(CancellationToken.None);
        Assert.Equal(3, client.PeekAll(registry.Find("", "v1", "nodes")!).Count);
    }

    [Fact]
    public async Task HeartbeatReportsReadyAgainAfterTheNodeWasMarkedUnknown()
    {
        var client = new FakeApiClient();
        var registry = new ResourceRegistry();
        var nodes = registry.Find("", "v1", "nodes")!;
        var fleet = new SimNodeFleet(client, registry, Options with { Count = 1 }, TimeProvider.System, NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);
        await client.PatchAsync(nodes, null, "sim-0", Api.Client.PatchType.Merge, JsonNode.Parse("""{"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}""")!, "status");
        await fleet.HeartbeatAsync(null, CancellationToken.None);
        var ready = client.Peek(nodes, null, "sim-0")!["status"]!["conditions"]!.AsArray().First(c => (string?)c!["type"] == "Ready")!;
        Assert.Equal("True", (string?)ready["status"]);
    }

    [Fact]
    public async Task BoundPodsAreReportedRunningAndReadyWithIpsFromTheirNodeRange()
    {
        await using var h = new ControllerHarness(ctx => new SimKubeletController(ctx, Options));
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(pods, Pod("web-1", "sim-1"));
        h.Client.Seed(pods, Pod("web-2", "sim-1"));
        h.Client.Seed(pods, Pod("elsewhere", "real-node"));
        h.Client.Seed(pods, Pod("pending", null));
        await h.StartAsync();
        await h.SettleAsync();

        var status = h.Client.Peek(pods, "default", "web-1")!["status"]!.AsObject();
        Assert.Equal("Running", (string?)status["phase"]);
        foreach (var type in new[] { "Ready", "ContainersReady", "Initialized", "PodScheduled" })
            Assert.Contains(status["conditions"]!.AsArray(), c => (string?)c!["type"] == type && (string?)c["status"] == "True");
        var container = status["containerStatuses"]![0]!;
        Assert.True((bool)container["ready"]!);
        Assert.Equal("nginx", (string?)container["image"]);
        Assert.NotNull(container["state"]!["running"]);
        Assert.StartsWith("10.244.1.", (string?)status["podIP"]);
        Assert.Equal("2025-01-01T00:00:00Z", (string?)status["startTime"]);
        Assert.NotEqual((string?)status["podIP"], (string?)h.Client.Peek(pods, "default", "web-2")!["status"]!["podIP"]);
        Assert.Equal("Pending", (string?)h.Client.Peek(pods, "default", "elsewhere")!["status"]!["phase"]);
        Assert.Equal("Pending", (string?)h.Client.Peek(pods, "default", "pending")!["status"]!["phase"]);

        // Reported once: settling again writes nothing more.
        var writes = h.Client.Writes.Count;
        await h.SettleAsync();
        Assert.Equal(writes, h.Client.Writes.Count);
    }

    [Fact]
    public async Task PodsBeingDeletedAreFinishedWithGraceZero()
    {
        await using var h = new ControllerHarness(ctx => new SimKubeletController(ctx, Options));
        var pods = h.Type("", "v1", "pods");
        var doomed = Pod("doomed", "sim-0");
        doomed["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
        h.Client.Seed(pods, doomed);
        await h.StartAsync();
        await h.SettleAsync();
        Assert.Null(h.Client.Peek(pods, "default", "doomed"));
        Assert.Contains(h.Client.Writes, w => w.Verb == "delete" && w.Name == "doomed");
    }

    private static JsonObject Pod(string name, string? node)
    {
        var spec = new JsonObject { ["containers"] = JsonNode.Parse("""[{"name":"web","image":"nginx"}]""") };
        if (node is not null) spec["nodeName"] = node;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }
}
