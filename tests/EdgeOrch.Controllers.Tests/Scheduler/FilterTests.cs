using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class FilterTests
{
    [Fact]
    public void ResourcesCountBoundAndAssumedPods()
    {
        var f = new SchedulerFixture(Node("n1", cpu: "2", memory: "4Gi")).Bound(Pod("a", cpu: "1500m", node: "n1"));
        Assert.True(f.Filter(Pod("p", cpu: "500m"), "n1").IsSuccess);
        var status = f.Filter(Pod("p", cpu: "501m", memory: "5Gi"), "n1");
        Assert.Equal(FilterCode.Unschedulable, status.Code);
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], status.Reasons);

        f.Cache.Assume(Pod("b", cpu: "500m"), "n1");
        Assert.Equal(["Insufficient cpu"], f.Filter(Pod("p", cpu: "100m"), "n1").Reasons);
    }

    [Fact]
    public void PodCountIsAResource()
    {
        var f = new SchedulerFixture(Node("n1", pods: "1")).Bound(Pod("a", node: "n1"));
        Assert.Equal(["Too many pods"], f.Filter(Pod("p"), "n1").Reasons);
    }

    [Fact]
    public void FinishedPodsFreeTheirRoom()
    {
        var done = Pod("a", cpu: "2", node: "n1");
        done["status"]!["phase"] = "Succeeded";
        var f = new SchedulerFixture(Node("n1", cpu: "2")).Bound(Pod("a", cpu: "2", node: "n1"));
        Assert.False(f.Filter(Pod("p", cpu: "1"), "n1").IsSuccess);
        f.Cache.SetPod(done);
        Assert.True(f.Filter(Pod("p", cpu: "1"), "n1").IsSuccess);
    }

    [Fact]
    public void EphemeralStorageIsCheckedOnlyWhereReported()
    {
        var pod = Pod("p").With("spec.containers", """[{"name":"c","image":"x","resources":{"requests":{"ephemeral-storage":"2Gi"}}}]""");
        var f = new SchedulerFixture(Node("small", ephemeral: "1Gi"), Node("unreported"));
        Assert.Equal(["Insufficient ephemeral-storage"], f.Filter(pod, "small").Reasons);
        Assert.True(f.Filter(pod, "unreported").IsSuccess);
    }

    [Fact]
    public void NodeSelectorMustMatch()
    {
        var f = new SchedulerFixture(Node("n1", labels: new() { ["disk"] = "ssd" }), Node("n2"));
        var pod = Pod("p").With("spec.nodeSelector", """{"disk":"ssd"}""");
        Assert.True(f.Filter(pod, "n1").IsSuccess);
        var status = f.Filter(pod, "n2");
        Assert.Equal(FilterCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal([NodeAffinityMatcher.Reason], status.Reasons);
    }

    [Theory]
    [InlineData("""{"key":"zone","operator":"In","values":["a","b"]}""", true, false)]
    [InlineData("""{"key":"zone","operator":"NotIn","values":["a"]}""", false, true)]
    [InlineData("""{"key":"zone","operator":"Exists"}""", true, false)]
    [InlineData("""{"key":"zone","operator":"DoesNotExist"}""", false, true)]
    [InlineData("""{"key":"cores","operator":"Gt","values":["4"]}""", true, false)]
    [InlineData("""{"key":"cores","operator":"Lt","values":["4"]}""", false, false)]
    public void RequiredNodeAffinityOperators(string expression, bool onLabelled, bool onBare)
    {
        var f = new SchedulerFixture(Node("labelled", labels: new() { ["zone"] = "a", ["cores"] = "8" }), Node("bare"));
        var pod = Pod("p").With("spec.affinity", """{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[EXPR]}]}}}""".Replace("EXPR", expression));
        Assert.Equal(onLabelled, f.Filter(pod, "labelled").IsSuccess);
        Assert.Equal(onBare, f.Filter(pod, "bare").IsSuccess);
    }

    [Fact]
    public void RequiredNodeAffinityTermsAreOredAndMatchFieldsReadTheName()
    {
        var f = new SchedulerFixture(Node("n1"), Node("n2"), Node("n3", labels: new() { ["gpu"] = "yes" }));
        var pod = Pod("p").With("spec.affinity", """{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["n1"]}]},{"matchExpressions":[{"key":"gpu","operator":"Exists"}]}]}}}""");
        Assert.True(f.Filter(pod, "n1").IsSuccess);
        Assert.False(f.Filter(pod, "n2").IsSuccess);
        Assert.True(f.Filter(pod, "n3").IsSuccess);
    }

    [Fact]
    public void TaintsNeedTolerations()
    {
        var f = new SchedulerFixture(
            Node("ns", taints: Taint("dedicated", "gpu", "NoSchedule")),
            Node("ne", taints: Taint("dedicated", "gpu", "NoExecute")),
            Node("prefer", taints: Taint("dedicated", "gpu", "PreferNoSchedule")));
        var status = f.Filter(Pod("p"), "ns");
        Assert.Equal(FilterCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(["node(s) had untolerated taint {dedicated: gpu}"], status.Reasons);
        Assert.False(f.Filter(Pod("p"), "ne").IsSuccess);
        Assert.True(f.Filter(Pod("p"), "prefer").IsSuccess);

        var equal = Pod("p").With("spec.tolerations", """[{"key":"dedicated","operator":"Equal","value":"gpu"}]""");
        Assert.True(f.Filter(equal, "ns").IsSuccess);
        Assert.True(f.Filter(equal, "ne").IsSuccess);
        var wrongValue = Pod("p").With("spec.tolerations", """[{"key":"dedicated","value":"cpu"}]""");
        Assert.False(f.Filter(wrongValue, "ns").IsSuccess);
        var wrongEffect = Pod("p").With("spec.tolerations", """[{"key":"dedicated","operator":"Exists","effect":"NoExecute"}]""");
        Assert.False(f.Filter(wrongEffect, "ns").IsSuccess);
        Assert.True(f.Filter(wrongEffect, "ne").IsSuccess);
        var everything = Pod("p").With("spec.tolerations", """[{"operator":"Exists"}]""");
        Assert.True(f.Filter(everything, "ns").IsSuccess);
    }

    [Fact]
    public void NotReadyNodesAreExcludedByTheirTaint()
    {
        var f = new SchedulerFixture(Node("down", taints: new JsonArray(
            new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoSchedule" },
            new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoExecute" })));
        Assert.Equal(["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"], f.Filter(Pod("p"), "down").Reasons);
    }

    [Fact]
    public void UnschedulableNodesAreSkippedUnlessTolerated()
    {
        var f = new SchedulerFixture(Node("cordoned", unschedulable: true));
        Assert.Equal([Taints.UnschedulableReason], f.Filter(Pod("p"), "cordoned").Reasons);
        var tolerant = Pod("p").With("spec.tolerations", """[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}]""");
        Assert.True(f.Filter(tolerant, "cordoned").IsSuccess);
    }

    [Fact]
    public void HostPortsConflict()
    {
        var web = Pod("a", node: "n1").With("spec.containers", """[{"name":"c","image":"x","ports":[{"containerPort":80,"hostPort":8080}]}]""");
        var f = new SchedulerFixture(Node("n1")).Bound(web);
        var same = Pod("p").With("spec.containers", """[{"name":"c","image":"x","ports":[{"containerPort":80,"hostPort":8080,"hostIP":"10.0.0.1"}]}]""");
        var udp = Pod("p").With("spec.containers", """[{"name":"c","image":"x","ports":[{"containerPort":80,"hostPort":8080,"protocol":"UDP"}]}]""");
        Assert.Equal([SchedulingAlgorithm.PortsReason], f.Filter(same, "n1").Reasons);
        Assert.True(f.Filter(udp, "n1").IsSuccess);
    }

    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web" };

    private static SchedulerFixture Zones() => new(
        Node("a1", labels: new() { ["topology.kubernetes.io/zone"] = "a" }),
        Node("a2", labels: new() { ["topology.kubernetes.io/zone"] = "a" }),
        Node("b1", labels: new() { ["topology.kubernetes.io/zone"] = "b" }));

    [Fact]
    public void PodAntiAffinityOnHostname()
    {
        var f = Zones().Bound(Pod("web-1", node: "a1", labels: WebLabels));
        var pod = Pod("web-2", labels: WebLabels).With("spec.affinity", """{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}}""");
        var status = f.Filter(pod, "a1");
        Assert.Equal(FilterCode.Unschedulable, status.Code);
        Assert.Equal([InterPodAffinity.AntiAffinityReason], status.Reasons);
        Assert.True(f.Filter(pod, "a2").IsSuccess);
    }

    [Fact]
    public void PodAffinityOnZone()
    {
        var f = Zones().Bound(Pod("db", node: "b1", labels: new() { ["app"] = "db" }));
        var pod = Pod("web", labels: WebLabels).With("spec.affinity", """{"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"topology.kubernetes.io/zone"}]}}""");
        Assert.True(f.Filter(pod, "b1").IsSuccess);
        var status = f.Filter(pod, "a1");
        Assert.Equal(FilterCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal([InterPodAffinity.AffinityReason], status.Reasons);
    }

    [Fact]
    public void FirstPodOfASelfAffineGroupMayGoAnywhere()
    {
        var pod = Pod("web-1", labels: WebLabels).With("spec.affinity", """{"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"topology.kubernetes.io/zone"}]}}""");
        Assert.True(Zones().Filter(pod, "a1").IsSuccess);
    }

    [Fact]
    public void ExistingPodsAntiAffinityIsRespected()
    {
        var loner = Pod("loner", node: "a1", labels: new() { ["app"] = "loner" }).With("spec.affinity", """{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"topology.kubernetes.io/zone"}]}}""");
        var f = Zones().Bound(loner);
        Assert.Equal([InterPodAffinity.ExistingAntiAffinityReason], f.Filter(Pod("web", labels: WebLabels), "a2").Reasons);
        Assert.True(f.Filter(Pod("web", labels: WebLabels), "b1").IsSuccess);
        Assert.True(f.Filter(Pod("other"), "a2").IsSuccess);
    }

    [Fact]
    public void AffinityTermsStayInTheirNamespaceUnlessTold()
    {
        var f = Zones().Bound(Pod("web-1", node: "a1", labels: WebLabels, ns: "other"));
        var anti = """{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}}""";
        Assert.True(f.Filter(Pod("web-2", labels: WebLabels).With("spec.affinity", anti), "a1").IsSuccess);
        var allNamespaces = anti.Replace("\"topologyKey\"", "\"namespaceSelector\":{},\"topologyKey\"");
        Assert.False(f.Filter(Pod("web-2", labels: WebLabels).With("spec.affinity", allNamespaces), "a1").IsSuccess);
    }
}
