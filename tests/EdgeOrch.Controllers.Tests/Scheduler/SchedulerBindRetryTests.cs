using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Controllers.Scheduler;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

/// <summary>Binding runs after the scheduling cycle (not awaited by it): a failed bind must still be retried.</summary>
public class SchedulerBindRetryTests
{
    [Fact]
    public async Task FailedBindIsRetriedAfterBackoff()
    {
        await using var h = new ControllerHarness(ctx => new SchedulerController(ctx, new Random(7)));
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("n1"));
        var pod = Pod("web-1", cpu: "100m");
        pod["metadata"]!.AsObject().Remove("uid");
        h.Client.Seed(pods, pod);
        var failures = 0;
        // The fake binds with a JSON patch on the pod (no subresource); fail the first one as a store error would.
        h.Client.Fault = call => call is { Verb: "patch", Subresource: null } && call.Type == pods && failures++ == 0
            ? new ApiClientException(500, "InternalError", "injected") : null;
        await h.StartAsync();
        await h.SettleAsync();
        Assert.Equal(1, failures);
        Assert.Null(h.Client.Peek(pods, "default", "web-1")!["spec"]!["nodeName"]);

        await h.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("n1", (string?)h.Client.Peek(pods, "default", "web-1")!["spec"]!["nodeName"]);
    }

    [Fact]
    public async Task ManyPendingPodsAreAllBoundWithoutOvercommittingANode()
    {
        await using var h = new ControllerHarness(ctx => new SchedulerController(ctx, new Random(7)));
        var pods = h.Type("", "v1", "pods");
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("a", pods: "60"));
        h.Client.Seed(h.Type("", "v1", "nodes"), Node("b", pods: "60"));
        for (var i = 0; i < 100; i++)
        {
            var p = Pod($"p{i}", cpu: "10m");
            p["metadata"]!.AsObject().Remove("uid");
            h.Client.Seed(pods, p);
        }
        await h.StartAsync();
        await h.SettleAsync();
        var placed = h.Client.PeekAll(pods).GroupBy(p => (string?)p["spec"]!["nodeName"] ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.False(placed.ContainsKey(""));
        Assert.True(placed["a"] <= 60 && placed["b"] <= 60, $"a={placed.GetValueOrDefault("a")} b={placed.GetValueOrDefault("b")}");
        Assert.Equal(100, placed["a"] + placed["b"]);
    }
}
