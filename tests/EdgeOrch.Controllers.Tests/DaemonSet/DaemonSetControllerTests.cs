using System.Text.Json.Nodes;
using EdgeOrch.Controllers.DaemonSet;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Workloads.Fixtures;

namespace EdgeOrch.Controllers.Tests.DaemonSet;

public sealed class DaemonSetControllerTests : IAsyncLifetime
{
    private readonly ControllerHarness _h = new(ctx => new DaemonSetController(ctx));

    private EdgeOrch.Api.Resources.ResourceType Sets => _h.Type("apps", "v1", "daemonsets");
    private EdgeOrch.Api.Resources.ResourceType Nodes => _h.Type("", "v1", "nodes");
    private EdgeOrch.Api.Resources.ResourceType PodType => _h.Type("", "v1", "pods");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Agent(string extraSpec = "", string strategy = "") => $$$"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"agent"}}{{{strategy}}},
           "template":{"metadata":{"labels":{"app":"agent"}},"spec":{{{{extraSpec}}}"containers":[{"name":"a","image":"agent:1"}]} } } }
        """;

    private static JsonObject Node(string name, string labels = "", string taints = "") => Parse($$$"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{name}}}","labels":{{{{labels}}}}},"spec":{"taints":[{{{taints}}}]}}
        """);

    /// <summary>Plays the scheduler and kubelet: binds each pod to its pinned node and reports it Running and Ready.</summary>
    private async Task RunAllAsync()
    {
        foreach (var pod in Pods(_h).Where(p => p["status"] is null))
        {
            var node = Str(pod["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!
                ["nodeSelectorTerms"]![0]!["matchFields"]![0]!["values"]![0]);
            pod["spec"]!["nodeName"] = node;
            await _h.Client.UpdateAsync(PodType, pod);
            await ReadyAsync(_h, "default", Name(pod));
        }
    }

    private Dictionary<string, string> PodsByNode() =>
        Pods(_h).ToDictionary(p => Str(p["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!
            ["nodeSelectorTerms"]![0]!["matchFields"]![0]!["values"]![0])!, Name);

    [Fact]
    public async Task OnePodPerNodeFollowingNodesJoiningAndLeaving()
    {
        _h.Client.Seed(Nodes, Node("n1"));
        _h.Client.Seed(Nodes, Node("n2"));
        Seed(_h, Sets, Agent());
        await _h.StartAsync();
        await _h.SettleAsync();

        var byNode = PodsByNode();
        Assert.Equal(["n1", "n2"], byNode.Keys.Order());
        var pod = Pods(_h)[0];
        Assert.StartsWith("agent-", Name(pod));
        Assert.Equal(11, Name(pod).Length);
        Assert.NotNull(Label(pod, "controller-revision-hash"));
        Assert.Equal("1", Label(pod, "pod-template-generation"));
        var tolerations = pod["spec"]!["tolerations"]!.AsArray().Select(t => $"{Str(t!["key"])}:{Str(t["effect"])}").ToList();
        Assert.Contains("node.kubernetes.io/not-ready:NoExecute", tolerations);
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute", tolerations);
        Assert.Contains("node.kubernetes.io/unschedulable:NoSchedule", tolerations);
        Assert.Contains("node.kubernetes.io/disk-pressure:NoSchedule", tolerations);
        Assert.Contains("node.kubernetes.io/memory-pressure:NoSchedule", tolerations);
        Assert.Contains("node.kubernetes.io/pid-pressure:NoSchedule", tolerations);
        Assert.Null(pod["spec"]!["nodeName"]); // the scheduler binds it

        await RunAllAsync();
        var status = _h.Client.Peek(Sets, "default", "agent")!["status"]!;
        Assert.Equal(2, Int(status["desiredNumberScheduled"]));
        Assert.Equal(2, Int(status["currentNumberScheduled"]));
        Assert.Equal(2, Int(status["numberReady"]));
        Assert.Equal(2, Int(status["numberAvailable"]));
        Assert.Equal(2, Int(status["updatedNumberScheduled"]));
        Assert.Equal(0, Int(status["numberMisscheduled"]));

        await _h.Client.CreateAsync(Nodes, Node("n3"));
        await _h.SettleAsync();
        Assert.Equal(["n1", "n2", "n3"], PodsByNode().Keys.Order());

        await _h.Client.DeleteAsync(Nodes, null, "n1");
        await _h.SettleAsync();
        Assert.Equal(["n2", "n3"], PodsByNode().Keys.Order());
        Assert.Contains(EventMessages(_h, "SuccessfulCreate"), m => m.StartsWith("Created pod: agent-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeSelectorAndTaintsDecideEligibility()
    {
        _h.Client.Seed(Nodes, Node("edge1", "\"role\":\"edge\""));
        _h.Client.Seed(Nodes, Node("edge2", "\"role\":\"edge\"", """{"key":"dedicated","value":"gpu","effect":"NoSchedule"}"""));
        _h.Client.Seed(Nodes, Node("core", "\"role\":\"core\""));
        // Not-ready nodes still get daemons: the default tolerations cover the taint.
        _h.Client.Seed(Nodes, Node("edge3", "\"role\":\"edge\"", """{"key":"node.kubernetes.io/not-ready","effect":"NoExecute"}"""));
        Seed(_h, Sets, Agent("\"nodeSelector\":{\"role\":\"edge\"},"));
        await _h.StartAsync();
        await _h.SettleAsync();
        Assert.Equal(["edge1", "edge3"], PodsByNode().Keys.Order());

        // A NoExecute taint the pod does not tolerate evicts the daemon; a NoSchedule one would only keep new pods away.
        await EditAsync(_h, Nodes, null!, "edge1", n => n["spec"]!["taints"] = JsonNode.Parse("""[{"key":"maintenance","effect":"NoExecute"}]"""));
        Assert.Equal(["edge3"], PodsByNode().Keys.Order());
        await EditAsync(_h, Nodes, null!, "edge3", n => n["spec"]!["taints"]!.AsArray().Add(JsonNode.Parse("""{"key":"x","effect":"NoSchedule"}""")));
        Assert.Equal(["edge3"], PodsByNode().Keys.Order());

        // Relabelling a node moves it in or out.
        await EditAsync(_h, Nodes, null!, "core", n => n["metadata"]!["labels"]!["role"] = "edge");
        Assert.Equal(["core", "edge3"], PodsByNode().Keys.Order());
        var status = _h.Client.Peek(Sets, "default", "agent")!["status"]!;
        Assert.Equal(1, Int(status["desiredNumberScheduled"]));  // core only: edge3 now has an untolerated NoSchedule taint
        Assert.Equal(1, Int(status["numberMisscheduled"]));      // edge3 keeps its pod
    }

    [Fact]
    public async Task RollingUpdateReplacesOneNodeAtATime()
    {
        foreach (var n in new[] { "n1", "n2", "n3" }) _h.Client.Seed(Nodes, Node(n));
        Seed(_h, Sets, Agent());
        await _h.StartAsync();
        await _h.SettleAsync();
        await RunAllAsync();
        var oldHash = Label(Pods(_h)[0], "controller-revision-hash");

        await EditAsync(_h, Sets, "default", "agent", s => s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "agent:2");
        // maxUnavailable 1 (the default): one old pod went, its replacement is created, the others wait.
        var pods = Pods(_h);
        Assert.Equal(3, pods.Count);
        Assert.Equal(2, pods.Count(p => Label(p, "controller-revision-hash") == oldHash));
        for (var round = 0; round < 3; round++)
            await RunAllAsync();
        pods = Pods(_h);
        Assert.All(pods, p => Assert.Equal("agent:2", Str(p["spec"]!["containers"]![0]!["image"])));
        var status = _h.Client.Peek(Sets, "default", "agent")!["status"]!;
        Assert.Equal(3, Int(status["updatedNumberScheduled"]));
        Assert.Equal(2, Int(status["observedGeneration"]));
        Assert.Equal(2, _h.Client.PeekAll(_h.Type("apps", "v1", "controllerrevisions")).Count);
    }

    [Fact]
    public async Task SurgeStartsTheNewPodBeforeRemovingTheOld()
    {
        _h.Client.Seed(Nodes, Node("n1"));
        Seed(_h, Sets, Agent(strategy: ""","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}"""));
        await _h.StartAsync();
        await _h.SettleAsync();
        await RunAllAsync();
        var old = Name(Pods(_h)[0]);

        await EditAsync(_h, Sets, "default", "agent", s => s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "agent:2");
        Assert.Equal(2, Pods(_h).Count);
        Assert.Contains(old, PodNames(_h));
        await RunAllAsync();
        var pod = Assert.Single(Pods(_h));
        Assert.NotEqual(old, Name(pod));
    }

    [Fact]
    public void TolerationMatchingFollowsKubernetes()
    {
        var taint = Parse("""{"key":"k","value":"v","effect":"NoSchedule"}""");
        Assert.True(NodeEligibility.Tolerates(Parse("""{"key":"k","operator":"Equal","value":"v"}"""), taint));
        Assert.False(NodeEligibility.Tolerates(Parse("""{"key":"k","operator":"Equal","value":"w"}"""), taint));
        Assert.True(NodeEligibility.Tolerates(Parse("""{"operator":"Exists"}"""), taint));
        Assert.False(NodeEligibility.Tolerates(Parse("""{"key":"k","operator":"Exists","effect":"NoExecute"}"""), taint));
    }
}
