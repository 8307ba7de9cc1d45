using EdgeOrch.Controllers.Scheduler;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class ScoreTests
{
    [Fact]
    public void LeastAllocatedPrefersTheEmptierNode()
    {
        var f = new SchedulerFixture(Node("busy"), Node("idle")).Bound(Pod("a", cpu: "3", memory: "6Gi", node: "busy"));
        for (var seed = 0; seed < 10; seed++)
            Assert.Equal("idle", f.Schedule(Pod("p", cpu: "100m", memory: "100Mi"), seed).Node);
    }

    [Fact]
    public void LeastAllocatedFollowsKubernetesFormula()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "4", memory: "4Gi"));
        var pod = new SchedulingPod(Pod("p", cpu: "1", memory: "2Gi"));
        // cpu (4000-1000)*100/4000 = 75, memory 50: mean 62.
        Assert.Equal(62, ResourceFit.LeastAllocated(pod, f.Cache.Node("n1")!));
        // fractions 0.25 and 0.5: std 0.125 -> 87.
        Assert.Equal(87, ResourceFit.BalancedAllocation(pod, f.Cache.Node("n1")!));
    }

    [Fact]
    public void PodsWithoutRequestsCountKubernetesDefaultsWhenScoring()
    {
        var pod = new SchedulingPod(Pod("p"));
        Assert.Equal(0, pod.Requests.MilliCpu);
        Assert.Equal(100, pod.NonZeroRequests.MilliCpu);
        Assert.Equal(200L * 1024 * 1024, pod.NonZeroRequests.Memory);
    }

    [Fact]
    public void BalancedAllocationPrefersEvenUse()
    {
        // Both nodes have the same free total; on "even" the pod evens out cpu and memory use.
        var f = new SchedulerFixture(Node("even", cpu: "4", memory: "4Gi"), Node("skewed", cpu: "4", memory: "4Gi"))
            .Bound(Pod("a", cpu: "2", node: "even"), Pod("b", memory: "2Gi", node: "skewed"));
        var pod = new SchedulingPod(Pod("p", memory: "2Gi"));
        Assert.True(ResourceFit.BalancedAllocation(pod, f.Cache.Node("even")!) > ResourceFit.BalancedAllocation(pod, f.Cache.Node("skewed")!));
    }

    [Fact]
    public void PreferredNodeAffinityWins()
    {
        var f = new SchedulerFixture(Node("plain"), Node("ssd", labels: new() { ["disk"] = "ssd" }));
        var pod = Pod("p").With("spec.affinity", """{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}}]}}""");
        for (var seed = 0; seed < 10; seed++)
            Assert.Equal("ssd", f.Schedule(pod, seed).Node);
    }

    [Fact]
    public void PreferredPodAffinityAndAntiAffinity()
    {
        var f = new SchedulerFixture(Node("n1"), Node("n2")).Bound(Pod("cache", node: "n1", labels: new() { ["app"] = "cache" }));
        var near = Pod("p").With("spec.affinity", """{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"kubernetes.io/hostname"}}]}}""");
        var far = Pod("p").With("spec.affinity", """{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"kubernetes.io/hostname"}}]}}""");
        for (var seed = 0; seed < 10; seed++)
        {
            Assert.Equal("n1", f.Schedule(near, seed).Node);
            Assert.Equal("n2", f.Schedule(far, seed).Node);
        }
    }

    [Fact]
    public void PreferNoScheduleTaintsOnlyLowerTheScore()
    {
        var f = new SchedulerFixture(Node("tainted", taints: Taint("spot", "true", "PreferNoSchedule")), Node("clean"));
        for (var seed = 0; seed < 10; seed++)
            Assert.Equal("clean", f.Schedule(Pod("p"), seed).Node);
        var alone = new SchedulerFixture(Node("tainted", taints: Taint("spot", "true", "PreferNoSchedule")));
        Assert.Equal("tainted", alone.Schedule(Pod("p")).Node);
    }

    [Fact]
    public void ImageLocalityPrefersNodesWithTheImage()
    {
        var withImage = Node("cached").With("status.images", """[{"names":["docker.io/big/model:v1","big/model:v1"],"sizeBytes":800000000}]""");
        var f = new SchedulerFixture(withImage, Node("empty"));
        for (var seed = 0; seed < 10; seed++)
            Assert.Equal("cached", f.Schedule(Pod("p", image: "big/model:v1"), seed).Node);
        var sp = new SchedulingPod(Pod("p", image: "big/model:v1"));
        Assert.True(ImageLocality.Score(sp, f.Cache.Node("cached")!, _ => 1, 2) > 0);
        Assert.Equal(0, ImageLocality.Score(sp, f.Cache.Node("empty")!, _ => 1, 2));
    }

    [Fact]
    public void TiesAreBrokenRandomly()
    {
        var f = new SchedulerFixture(Node("n1"), Node("n2"), Node("n3"));
        var chosen = Enumerable.Range(0, 60).Select(seed => f.Schedule(Pod("p"), seed).Node).ToHashSet();
        Assert.Equal(3, chosen.Count);
    }
}
