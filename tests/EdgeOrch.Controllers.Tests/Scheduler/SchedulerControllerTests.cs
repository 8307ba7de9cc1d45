using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class SchedulerControllerTests
{
    private static ControllerHarness Harness() => new(ctx => new SchedulerController(ctx, new Random(7)));

    private static JsonObject Unbound(JsonObject pod)
    {
        pod["metadata"]!.AsObject().Remove("uid");
        return pod;
    }

    [Fact]
    public async Task BindsPendingPodsAndRecordsScheduled()
    {
        await using var h = Harness();
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("node1"));
        h.Client.Seed(pods, Unbound(Pod("web-1", cpu: "100m")));
        await h.StartAsync();
        await h.SettleAsync();

        var pod = h.Client.Peek(pods, "default", "web-1")!;
        Assert.Equal("node1", (string?)pod["spec"]!["nodeName"]);
        var condition = pod["status"]!["conditions"]!.AsArray().Single()!;
        Assert.Equal("True", (string?)condition["status"]);
        var ev = Assert.Single(h.Events(), e => (string?)e["reason"] == "Scheduled");
        Assert.Equal("Successfully assigned default/web-1 to node1", (string?)ev["message"]);
        Assert.Equal("default-scheduler", (string?)ev["source"]!["component"]);
    }

    [Fact]
    public async Task IgnoresOtherSchedulersAndBoundPods()
    {
        await using var h = Harness();
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("node1"));
        h.Client.Seed(pods, Unbound(Pod("custom")).With("spec.schedulerName", "\"my-scheduler\""));
        await h.StartAsync();
        await h.SettleAsync();
        Assert.Null(h.Client.Peek(pods, "default", "custom")!["spec"]!["nodeName"]);
        Assert.DoesNotContain(h.Client.Writes, w => w.Type == pods);
    }

    [Fact]
    public async Task AssumedPodsKeepTheNextPodOffAFullNode()
    {
        await using var h = Harness();
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("small", cpu: "1"));
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("big", cpu: "2"));
        for (var i = 0; i < 3; i++)
            h.Client.Seed(pods, Unbound(Pod($"p{i}", cpu: "1")));
        await h.StartAsync();
        await h.SettleAsync();
        var placed = h.Client.PeekAll(pods).GroupBy(p => (string?)p["spec"]!["nodeName"]).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(1, placed["small"]);
        Assert.Equal(2, placed["big"]);
    }

    [Fact]
    public async Task UnschedulablePodGetsConditionAndEventThenFitsWhenANodeJoins()
    {
        await using var h = Harness();
        var pods = h.Type("", "v1", "pods");
        var nodes = h.Type("", "v1", "nodes");
        h.Client.Seed(nodes, Node("n1", memory: "1Gi"));
        h.Client.Seed(pods, Unbound(Pod("big", memory: "4Gi")));
        await h.StartAsync();
        await h.SettleAsync();

        const string message = "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..";
        var pod = h.Client.Peek(pods, "default", "big")!;
        var condition = pod["status"]!["conditions"]!.AsArray().Single()!;
        Assert.Equal("False", (string?)condition["status"]);
        Assert.Equal("Unschedulable", (string?)condition["reason"]);
        Assert.Equal(message, (string?)condition["message"]);
        var ev = Assert.Single(h.Events(), e => (string?)e["reason"] == "FailedScheduling");
        Assert.Equal("Warning", (string?)ev["type"]);
        Assert.Equal(message, (string?)ev["message"]);

        await h.Client.CreateAsync(nodes, Node("n2", memory: "8Gi"));
        await h.SettleAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("n2", (string?)h.Client.Peek(pods, "default", "big")!["spec"]!["nodeName"]);
    }

    [Fact]
    public async Task PreemptsLowerPriorityPodAndNominatesTheNode()
    {
        await using var h = Harness();
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("n1", cpu: "1"));
        h.Client.Seed(pods, Unbound(Pod("low", cpu: "1", node: "n1", priority: 0)));
        h.Client.Seed(pods, Unbound(Pod("urgent", cpu: "1", priority: 1000)));
        await h.StartAsync();
        await h.SettleAsync();

        // Preemption and its Event happen off the scheduling cycle (binds and evictions run in the background): give them
        // a moment rather than racing them.
        for (var waited = 0; waited < 5000 && (h.Client.Peek(pods, "default", "low") is not null
                 || !h.Events().Any(e => (string?)e["reason"] == "Preempted")); waited += 20)
        {
            await Task.Delay(20);
            await h.SettleAsync();
        }
        Assert.Null(h.Client.Peek(pods, "default", "low"));
        var ev = Assert.Single(h.Events(), e => (string?)e["reason"] == "Preempted");
        Assert.StartsWith("Preempted by pod ", (string?)ev["message"]);
        Assert.EndsWith(" on node n1", (string?)ev["message"]);
        await h.AdvanceAsync(TimeSpan.FromSeconds(2));
        var urgent = h.Client.Peek(pods, "default", "urgent")!;
        Assert.Equal("n1", (string?)urgent["status"]!["nominatedNodeName"]);
        Assert.Equal("n1", (string?)urgent["spec"]!["nodeName"]);
    }
}
