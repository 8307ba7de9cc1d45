using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Tests.ReplicaSet;
using static EdgeOrch.Controllers.Tests.Deployment.DeploymentKit;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class DeploymentConditionTests
{
    [Fact]
    public async Task ProgressDeadlineExceededWhenPodsNeverBecomeReadyThenRecovers()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 2, "app:v1", spec: s => s["progressDeadlineSeconds"] = 30);
        await h.RunAsync();
        var rsName = NewSet(h, "web").Name();

        var progressing = Condition(h, "web", "Progressing")!;
        Assert.Equal("True", progressing.Str("status"));
        Assert.Contains(progressing.Str("reason"), new[] { "NewReplicaSetCreated", "ReplicaSetUpdated" });
        var available = Condition(h, "web", "Available")!;
        Assert.Equal(("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
            (available.Str("status"), available.Str("reason"), available.Str("message")));
        Assert.Equal(2, Status(h, "web").Int("unavailableReplicas"));
        Assert.Contains(h.DeployQueue.Delayed, d => d.Key == "default/web" && d.Delay > TimeSpan.FromSeconds(29));

        await h.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("True", Condition(h, "web", "Progressing")!.Str("status"));

        await h.AdvanceAsync(TimeSpan.FromSeconds(12));
        progressing = Condition(h, "web", "Progressing")!;
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing."),
            (progressing.Str("status"), progressing.Str("reason"), progressing.Str("message")));

        await SettleAsync(h);
        progressing = Condition(h, "web", "Progressing")!;
        Assert.Equal(("True", "NewReplicaSetAvailable"), (progressing.Str("status"), progressing.Str("reason")));
        Assert.Equal("True", Condition(h, "web", "Available")!.Str("status"));
    }

    [Fact]
    public async Task ProgressRefreshesTheDeadline()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 3, "app:v1", Rolling(0, 1), s => s["progressDeadlineSeconds"] = 30);
        await SettleAsync(h);
        await SetImageAsync(h, "web", "app:v2");
        // Each step makes one pod ready 20 s after the previous one: slower in total than the deadline, never stuck.
        for (var i = 0; i < 10; i++)
        {
            await h.AdvanceAsync(TimeSpan.FromSeconds(20));
            var reason = Condition(h, "web", "Progressing")!.Str("reason");
            Assert.NotEqual("ProgressDeadlineExceeded", reason);
            if (reason == "NewReplicaSetAvailable") return;
            if (h.ActivePods().FirstOrDefault(p => !PodState.IsReady(p)) is { } pod) await h.SetReadyAsync(pod);
        }
        Assert.Fail("the rollout did not complete");
    }

    [Fact]
    public async Task MinReadySecondsDelaysAvailability()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 2, "app:v1", spec: s => s["minReadySeconds"] = 15);
        await SettleAsync(h);
        Assert.Equal(15, NewSet(h, "web").Obj("spec").Int("minReadySeconds"));
        Assert.Null(Status(h, "web")["availableReplicas"]);
        Assert.Equal(2, Status(h, "web").Int("readyReplicas"));
        Assert.Equal("False", Condition(h, "web", "Available")!.Str("status"));

        await h.AdvanceAsync(TimeSpan.FromSeconds(16));
        Assert.Equal(2, Status(h, "web").Int("availableReplicas"));
        Assert.Equal("True", Condition(h, "web", "Available")!.Str("status"));
        Assert.Equal("NewReplicaSetAvailable", Condition(h, "web", "Progressing")!.Str("reason"));
    }
}
