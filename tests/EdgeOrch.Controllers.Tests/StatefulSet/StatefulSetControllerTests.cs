using System.Text.Json.Nodes;
using EdgeOrch.Controllers.StatefulSet;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Workloads.Fixtures;

namespace EdgeOrch.Controllers.Tests.StatefulSet;

public sealed class StatefulSetControllerTests : IAsyncLifetime
{
    private readonly ControllerHarness _h = new(ctx => new StatefulSetController(ctx));

    private EdgeOrch.Api.Resources.ResourceType Sets => _h.Type("apps", "v1", "statefulsets");
    private EdgeOrch.Api.Resources.ResourceType Claims => _h.Type("", "v1", "persistentvolumeclaims");
    private EdgeOrch.Api.Resources.ResourceType RevisionsType => _h.Type("apps", "v1", "controllerrevisions");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Mysql(int replicas, string policy = "OrderedReady", string extra = "") => $$$"""
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"mysql","namespace":"default"},
         "spec":{"replicas":{{{replicas}}},"serviceName":"mysql","podManagementPolicy":"{{{policy}}}",
           "selector":{"matchLabels":{"app":"mysql"}},
           "template":{"metadata":{"labels":{"app":"mysql"}},"spec":{"containers":[{"name":"mysql","image":"mysql:8.0"}]}},
           "volumeClaimTemplates":[{"metadata":{"name":"data","labels":{"tier":"db"}},
              "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"} } } }]{{{extra}}} } }
        """;

    private async Task StartAsync(string json)
    {
        Seed(_h, Sets, json);
        await _h.StartAsync();
        await _h.SettleAsync();
    }

    [Fact]
    public async Task OrderedReadyComesUpOneOrdinalAtATimeWithClaims()
    {
        await StartAsync(Mysql(2));
        Assert.Equal(["mysql-0"], PodNames(_h));
        Assert.Equal(["data-mysql-0"], _h.Client.PeekAll(Claims).Select(Name));

        // mysql-1 waits until mysql-0 is Running and Ready.
        await SetPodStatusAsync(_h, "default", "mysql-0", "Running", ready: false);
        Assert.Equal(["mysql-0"], PodNames(_h));
        await ReadyAsync(_h, "default", "mysql-0");
        Assert.Equal(["mysql-0", "mysql-1"], PodNames(_h));
        Assert.Equal(["data-mysql-0", "data-mysql-1"], _h.Client.PeekAll(Claims).Select(Name).Order());

        var pod = Pods(_h)[1];
        Assert.Equal("mysql-1", Label(pod, "statefulset.kubernetes.io/pod-name"));
        Assert.Equal("1", Label(pod, "apps.kubernetes.io/pod-index"));
        Assert.StartsWith("mysql-", Label(pod, "controller-revision-hash"));
        Assert.Equal("mysql-1", Str(pod["spec"]!["hostname"]));
        Assert.Equal("mysql", Str(pod["spec"]!["subdomain"]));
        Assert.Equal("data-mysql-1", Str(pod["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]));
        var owner = pod["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("StatefulSet", Str(owner["kind"]));
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.True(owner["blockOwnerDeletion"]!.GetValue<bool>());

        var claim = _h.Client.Peek(Claims, "default", "data-mysql-1")!;
        Assert.Equal("db", Label(claim, "tier"));
        Assert.Equal("mysql", Label(claim, "app"));
        Assert.Null(claim["metadata"]!["ownerReferences"]); // Retain: nobody owns the claim

        var messages = EventMessages(_h, "SuccessfulCreate");
        Assert.Contains("create Pod mysql-0 in StatefulSet mysql successful", messages);
        Assert.Contains("create Claim data-mysql-0 Pod mysql-0 in StatefulSet mysql success", messages);

        await ReadyAsync(_h, "default", "mysql-1");
        var status = _h.Client.Peek(Sets, "default", "mysql")!["status"]!;
        Assert.Equal(2, Int(status["replicas"]));
        Assert.Equal(2, Int(status["readyReplicas"]));
        Assert.Equal(2, Int(status["availableReplicas"]));
        Assert.Equal(2, Int(status["updatedReplicas"]));
        Assert.Equal(1, Int(status["observedGeneration"]));
        Assert.Equal(Str(status["currentRevision"]), Str(status["updateRevision"]));
        Assert.Single(_h.Client.PeekAll(RevisionsType));
    }

    [Fact]
    public async Task ClaimsOutliveDeletedPods()
    {
        await StartAsync(Mysql(1));
        await ReadyAsync(_h, "default", "mysql-0");
        var claimUid = Str(_h.Client.Peek(Claims, "default", "data-mysql-0")!["metadata"]!["uid"]);
        var podUid = Str(Pods(_h)[0]["metadata"]!["uid"]);

        await _h.Client.DeleteAsync(_h.Type("", "v1", "pods"), "default", "mysql-0");
        await _h.SettleAsync();

        var pod = Assert.Single(Pods(_h));
        Assert.Equal("mysql-0", Name(pod));
        Assert.NotEqual(podUid, Str(pod["metadata"]!["uid"]));
        Assert.Equal(claimUid, Str(_h.Client.Peek(Claims, "default", "data-mysql-0")!["metadata"]!["uid"]));
    }

    [Fact]
    public async Task ScalesDownFromTheHighestOrdinalOneAtATime()
    {
        await StartAsync(Mysql(3));
        for (var i = 0; i < 3; i++) await ReadyAsync(_h, "default", $"mysql-{i}");
        Assert.Equal(3, PodNames(_h).Count);

        var deletes = new List<string>();
        await EditAsync(_h, Sets, "default", "mysql", s => s["spec"]!["replicas"] = 1);
        Assert.Equal(["mysql-0"], PodNames(_h));
        var order = _h.Client.Writes.Where(w => w.Verb == "delete").Select(w => w.Name).ToList();
        Assert.Equal(["mysql-2", "mysql-1"], order);
        Assert.Equal(3, _h.Client.PeekAll(Claims).Count); // Retain keeps the claims
    }

    [Fact]
    public async Task WhenScaledDeleteHandsClaimsToThePod()
    {
        await StartAsync(Mysql(2, extra: ""","persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Delete"}"""));
        await ReadyAsync(_h, "default", "mysql-0");
        await ReadyAsync(_h, "default", "mysql-1");
        var setOwner = _h.Client.Peek(Claims, "default", "data-mysql-1")!["metadata"]!["ownerReferences"]!.AsArray();
        Assert.Equal("StatefulSet", Str(Assert.Single(setOwner)!["kind"]));

        await EditAsync(_h, Sets, "default", "mysql", s => s["spec"]!["replicas"] = 1);
        var kinds = _h.Client.Peek(Claims, "default", "data-mysql-1")!["metadata"]!["ownerReferences"]!.AsArray().Select(r => Str(r!["kind"]));
        Assert.Equal(["StatefulSet", "Pod"], kinds);
    }

    [Fact]
    public async Task ParallelCreatesEveryPodAtOnce()
    {
        await StartAsync(Mysql(3, "Parallel"));
        Assert.Equal(["mysql-0", "mysql-1", "mysql-2"], PodNames(_h));
    }

    [Fact]
    public async Task RollingUpdateStopsAtThePartition()
    {
        await StartAsync(Mysql(3, extra: ""","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}"""));
        for (var i = 0; i < 3; i++) await ReadyAsync(_h, "default", $"mysql-{i}");
        var oldRevision = Label(Pods(_h)[0], "controller-revision-hash");

        await EditAsync(_h, Sets, "default", "mysql", s => s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "mysql:8.4");
        // The highest ordinal goes first; the next waits for it to be Ready again.
        var pods = Pods(_h);
        Assert.Equal(3, pods.Count);
        var newRevision = Str(_h.Client.Peek(Sets, "default", "mysql")!["status"]!["updateRevision"]);
        Assert.NotEqual(oldRevision, newRevision);
        Assert.Equal(newRevision, Label(pods[2], "controller-revision-hash"));
        Assert.Equal("mysql:8.4", Str(pods[2]["spec"]!["containers"]![0]!["image"]));
        Assert.Equal(oldRevision, Label(pods[1], "controller-revision-hash"));

        await ReadyAsync(_h, "default", "mysql-2");
        await ReadyAsync(_h, "default", "mysql-1");
        pods = Pods(_h);
        Assert.Equal(newRevision, Label(pods[1], "controller-revision-hash"));
        Assert.Equal(oldRevision, Label(pods[0], "controller-revision-hash")); // below the partition
        Assert.Equal("mysql:8.0", Str(pods[0]["spec"]!["containers"]![0]!["image"]));

        var status = _h.Client.Peek(Sets, "default", "mysql")!["status"]!;
        Assert.Equal(2, Int(status["updatedReplicas"]));
        Assert.Equal(1, Int(status["currentReplicas"]));
        Assert.Equal(oldRevision, Str(status["currentRevision"]));
        Assert.Equal(2, _h.Client.PeekAll(RevisionsType).Count);

        // Lowering the partition finishes the rollout and makes the new revision current.
        await EditAsync(_h, Sets, "default", "mysql", s => s["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"] = 0);
        await ReadyAsync(_h, "default", "mysql-0");
        status = _h.Client.Peek(Sets, "default", "mysql")!["status"]!;
        Assert.Equal(newRevision, Str(status["currentRevision"]));
        Assert.Equal(3, Int(status["currentReplicas"]));
    }

    [Fact]
    public async Task OnDeleteUpdatesOnlyPodsTheUserDeletes()
    {
        await StartAsync(Mysql(2, extra: ""","updateStrategy":{"type":"OnDelete"}"""));
        await ReadyAsync(_h, "default", "mysql-0");
        await ReadyAsync(_h, "default", "mysql-1");
        _h.Client.ClearCalls();
        await EditAsync(_h, Sets, "default", "mysql", s => s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "mysql:8.4");
        Assert.DoesNotContain(_h.Client.Writes, w => w.Verb == "delete" && w.Type.Plural == "pods");
        Assert.All(Pods(_h), p => Assert.Equal("mysql:8.0", Str(p["spec"]!["containers"]![0]!["image"])));

        await _h.Client.DeleteAsync(_h.Type("", "v1", "pods"), "default", "mysql-1");
        await _h.SettleAsync();
        Assert.Equal("mysql:8.4", Str(Pods(_h)[1]["spec"]!["containers"]![0]!["image"]));
        Assert.Equal("mysql:8.0", Str(Pods(_h)[0]["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task FailedPodIsReplacedUnderTheSameName()
    {
        await StartAsync(Mysql(1));
        await SetPodStatusAsync(_h, "default", "mysql-0", "Failed", ready: false);
        var pod = Assert.Single(Pods(_h));
        Assert.Equal("mysql-0", Name(pod));
        Assert.Null(pod["status"]);
        Assert.Contains("delete Pod mysql-0 in StatefulSet mysql successful", EventMessages(_h, "SuccessfulDelete"));
    }
}
