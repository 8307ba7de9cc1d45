using EdgeOrch.Controllers.Scheduler;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class PreemptionTests
{
    [Fact]
    public void EvictsOnlyTheLowestPriorityPodsNeeded()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "4")).Bound(
            Pod("low", cpu: "1", node: "n1", priority: 1),
            Pod("lower", cpu: "1", node: "n1", priority: 0),
            Pod("mid", cpu: "2", node: "n1", priority: 50));
        var result = f.Schedule(Pod("urgent", cpu: "1", priority: 100));
        Assert.Null(result.Node);
        Assert.Equal("n1", result.Preemption!.Node);
        Assert.Equal(["lower"], result.Preemption.Victims.Select(v => (string?)v["metadata"]!["name"]));
    }

    [Fact]
    public void PicksTheNodeWhoseVictimsMatterLeast()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "2"), Node("n2", cpu: "2")).Bound(
            Pod("a", cpu: "2", node: "n1", priority: 10),
            Pod("b", cpu: "2", node: "n2", priority: 5));
        var result = f.Schedule(Pod("urgent", cpu: "2", priority: 100));
        Assert.Equal("n2", result.Preemption!.Node);
        Assert.Equal(["b"], result.Preemption.Victims.Select(v => (string?)v["metadata"]!["name"]));
    }

    [Fact]
    public void FewerVictimsWinAtEqualPriority()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "2"), Node("n2", cpu: "2")).Bound(
            Pod("a1", cpu: "1", node: "n1"), Pod("a2", cpu: "1", node: "n1"),
            Pod("b", cpu: "2", node: "n2"));
        var result = f.Schedule(Pod("urgent", cpu: "2", priority: 100));
        Assert.Equal("n2", result.Preemption!.Node);
    }

    [Fact]
    public void EqualOrHigherPriorityPodsAreNeverVictims()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "1")).Bound(Pod("same", cpu: "1", node: "n1", priority: 100));
        var result = f.Schedule(Pod("urgent", cpu: "1", priority: 100));
        Assert.Null(result.Preemption);
        Assert.EndsWith("1 No preemption victims found for incoming pod..", result.Message);
    }

    [Fact]
    public void UnresolvableNodesAreNotCandidates()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "1", taints: Taint("x", "y", "NoSchedule"))).Bound(Pod("low", cpu: "1", node: "n1"));
        var result = f.Schedule(Pod("urgent", cpu: "1", priority: 100));
        Assert.Null(result.Preemption);
        Assert.EndsWith("1 Preemption is not helpful for scheduling..", result.Message);
    }
}
