using EdgeOrch.Controllers.Scheduler;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class MessageTests
{
    [Fact]
    public void TooLargeEverywhereReadsLikeKubernetes()
    {
        var f = new SchedulerFixture(Node("n1", memory: "1Gi"), Node("n2", memory: "1Gi"), Node("n3", memory: "1Gi"));
        var result = f.Schedule(Pod("big", memory: "64Gi"));
        Assert.Null(result.Node);
        Assert.Equal("0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
            result.Message);
    }

    [Fact]
    public void ReasonsAreCountedAndSortedAsStrings()
    {
        var f = new SchedulerFixture(
            Node("cp", taints: Taint("node-role.kubernetes.io/control-plane", "", "NoSchedule")),
            Node("n2", cpu: "1"), Node("n3", cpu: "1"));
        var result = f.Schedule(Pod("p", cpu: "2"));
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. " +
                     "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
            result.Message);
    }

    [Fact]
    public void OneNodeCanCountSeveralResourceReasons() =>
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.",
            FitError.Message(1, [["Insufficient cpu", "Insufficient memory"]], null));

    [Fact]
    public void PreemptionPolicyNeverIsSaid()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "1"));
        var result = f.Schedule(Pod("p", cpu: "2").With("spec.preemptionPolicy", "\"Never\""));
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..", result.Message);
    }

    [Fact]
    public void NoNodes() => Assert.Equal(FitError.NoNodesMessage, new SchedulerFixture().Schedule(Pod("p")).Message);
}
