using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeOrch.Api.Client;
using EdgeOrch.Controllers.ReplicaSet;
using static EdgeOrch.Controllers.Tests.ReplicaSet.WorkloadHarness;

namespace EdgeOrch.Controllers.Tests.ReplicaSet;

public class ReplicaSetControllerTests
{
    private static async Task<JsonObject> CreateSetAsync(WorkloadHarness h, string name, int replicas, long minReadySeconds = 0)
    {
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["minReadySeconds"] = minReadySeconds,
                ["selector"] = Selector(name),
                ["template"] = Template(name, "nginx:1.27"),
            },
        };
        return await h.Client.CreateAsync(ReplicaSets, rs);
    }

    private static async Task ScaleAsync(WorkloadHarness h, string name, int replicas)
    {
        var rs = h.Get(ReplicaSets, name)!;
        rs["spec"]!["replicas"] = replicas;
        await h.Client.UpdateAsync(ReplicaSets, rs);
    }

    [Fact]
    public async Task CreatesPodsWithGeneratedNamesTemplateLabelsAndControllerReference()
    {
        var h = new WorkloadHarness(withDeployments: false);
        var rs = await CreateSetAsync(h, "web", 3);
        await h.RunAsync();

        var pods = h.AllPods();
        Assert.Equal(3, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Matches(new Regex("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$"), pod.Name());
            Assert.Equal("web", pod.Labels().Str("app"));
            Assert.Equal("nginx:1.27", pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
            var owner = Assert.Single(pod.Obj("metadata").Arr("ownerReferences")!.Objects());
            Assert.Equal("apps/v1", owner.Str("apiVersion"));
            Assert.Equal("ReplicaSet", owner.Str("kind"));
            Assert.Equal("web", owner.Str("name"));
            Assert.Equal(rs.Uid(), owner.Str("uid"));
            Assert.True(owner.Bool("controller"));
            Assert.True(owner.Bool("blockOwnerDeletion"));
        }
        var status = h.Get(ReplicaSets, "web")!.Obj("status")!;
        Assert.Equal(3, status.Int("replicas"));
        Assert.Equal(3, status.Int("fullyLabeledReplicas"));
        Assert.Equal(1, status.Int("observedGeneration"));
        Assert.Null(status["readyReplicas"]);
        var created = h.Events.Where(e => e.Reason == "SuccessfulCreate").ToList();
        Assert.Equal(3, created.Count);
        Assert.All(created, e => Assert.Matches("^Created pod: web-[a-z0-9]{5}$", e.Message));
    }

    [Fact]
    public async Task ReadyAndAvailableFollowPodsAndMinReadySeconds()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 2, minReadySeconds: 10);
        await h.RunAsync();
        await h.SetAllReadyAsync();
        await h.RunAsync();
        var status = h.Get(ReplicaSets, "web")!.Obj("status")!;
        Assert.Equal(2, status.Int("readyReplicas"));
        Assert.Null(status["availableReplicas"]);

        await h.AdvanceAsync(TimeSpan.FromSeconds(11));
        Assert.Equal(2, h.Get(ReplicaSets, "web")!.Obj("status").Int("availableReplicas"));
    }

    [Fact]
    public async Task CreatesInSlowStartBatchesAndStopsAtTheFirstFailingBatch()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 10);
        var attempts = 0;
        h.Client.CreateHook = (type, _) =>
            type.Plural == "pods" && ++attempts > 3 ? new ApiClientException(403, "Forbidden", "exceeded quota") : null;
        h.Deliver();

        await Assert.ThrowsAsync<ApiClientException>(() => h.ReplicaSetController.ReconcileAsync("default/web", CancellationToken.None));
        Assert.Equal(1 + 2 + 4, attempts);
        Assert.Equal(3, h.AllPods().Count);
        Assert.Contains(h.Events, e => e.Type == "Warning" && e.Reason == "FailedCreate" && e.Message == "Error creating: exceeded quota");
        var failure = h.Get(ReplicaSets, "web")!.Obj("status").Arr("conditions")!.Objects().Single();
        Assert.Equal("ReplicaFailure", failure.Str("type"));
        Assert.Equal("FailedCreate", failure.Str("reason"));

        h.Client.CreateHook = null;
        await h.RunAsync();
        Assert.Equal(10, h.AllPods().Count);
        Assert.Null(h.Get(ReplicaSets, "web")!.Obj("status")!["conditions"]);
    }

    [Fact]
    public async Task ExpectationsPreventOverCreatingWhileTheCacheLags()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 3);
        h.Deliver();
        await h.ReplicaSetController.ReconcileAsync("default/web", CancellationToken.None);
        Assert.Equal(3, h.AllPods().Count);

        // The cache has not seen the three pods yet: a second sync must not create three more.
        await h.ReplicaSetController.ReconcileAsync("default/web", CancellationToken.None);
        Assert.Equal(3, h.AllPods().Count);

        await h.RunAsync();
        Assert.Equal(3, h.AllPods().Count);
        Assert.True(h.ReplicaSetController.Expectations.Satisfied("default/web"));
    }

    [Fact]
    public async Task DeletedPodIsReplaced()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 3);
        await h.RunAsync();
        var victim = h.AllPods()[1].Name();

        await h.Client.DeleteAsync(Pods, Ns, victim);
        await h.RunAsync();

        var pods = h.AllPods();
        Assert.Equal(3, pods.Count);
        Assert.DoesNotContain(pods, p => p.Name() == victim);
    }

    [Fact]
    public async Task FailedPodIsReplacedAndNoLongerCounted()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 2);
        await h.RunAsync();
        await h.SetPhaseAsync(h.AllPods()[0], "Failed");
        await h.RunAsync();

        Assert.Equal(3, h.AllPods().Count);
        Assert.Equal(2, h.ActivePods().Count);
        Assert.Equal(2, h.Get(ReplicaSets, "web")!.Obj("status").Int("replicas"));
    }

    [Fact]
    public async Task ScaleDownDeletesUnscheduledThenPendingThenNotReadyPodsFirst()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 5);
        await h.RunAsync();
        var pods = h.AllPods();
        // pods[0]: unscheduled; pods[1]: scheduled, Pending; pods[2]: Running, not ready; pods[3], pods[4]: Running and ready.
        for (var i = 1; i < 5; i++) await BindAsync(h, pods[i], "node-" + i);
        await h.SetPhaseAsync(pods[1], "Pending");
        await h.SetReadyAsync(pods[2], ready: false);
        await h.SetReadyAsync(pods[3]);
        await h.SetReadyAsync(pods[4]);
        await h.RunAsync();

        await ScaleAsync(h, "web", 2);
        await h.RunAsync();

        Assert.Equal(new[] { pods[3].Name(), pods[4].Name() }, h.AllPods().Select(p => p.Name()).Order().ToArray());
        Assert.Equal(3, h.Events.Count(e => e.Reason == "SuccessfulDelete" && e.Message.StartsWith("Deleted pod: web-")));
    }

    [Fact]
    public async Task ScaleDownDeletesTheMoreRecentlyReadyPodFirst()
    {
        var h = new WorkloadHarness(withDeployments: false);
        await CreateSetAsync(h, "web", 1);
        await h.RunAsync();
        var old = h.AllPods().Single();
        await h.SetReadyAsync(old);
        h.Time.Advance(TimeSpan.FromHours(2));
        await ScaleAsync(h, "web", 2);
        await h.RunAsync();
        var young = h.AllPods().Single(p => p.Name() != old.Name());
        await h.SetReadyAsync(young);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        await ScaleAsync(h, "web", 1);
        await h.RunAsync();
        Assert.Equal(old.Name(), h.AllPods().Single().Name());
    }

    [Fact]
    public async Task AdoptsMatchingOrphanInsteadOfCreating()
    {
        var h = new WorkloadHarness(withDeployments: false);
        var orphan = await h.Client.CreateAsync(Pods, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "stray", ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = new JsonObject(),
        });
        var foreign = await h.Client.CreateAsync(Pods, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "owned-elsewhere", ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = "web" },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "other", ["uid"] = "other-uid", ["controller"] = true,
                }),
            },
            ["spec"] = new JsonObject(),
        });
        var rs = await CreateSetAsync(h, "web", 2);
        await h.RunAsync();

        Assert.Equal(rs.Uid(), OwnerReferences.ControllerUid(h.Get(Pods, orphan.Name())!));
        Assert.Equal("other-uid", OwnerReferences.ControllerUid(h.Get(Pods, foreign.Name())!));
        Assert.Equal(2, h.AllPods().Count(p => OwnerReferences.ControllerUid(p) == rs.Uid()));
        Assert.Equal(1, h.Events.Count(e => e.Reason == "SuccessfulCreate"));
    }

    [Fact]
    public async Task ReleasesPodWhoseLabelsNoLongerMatchAndReplacesIt()
    {
        var h = new WorkloadHarness(withDeployments: false);
        var rs = await CreateSetAsync(h, "web", 2);
        await h.RunAsync();
        var pod = h.AllPods()[0];
        pod.Meta()["labels"] = new JsonObject { ["app"] = "debug" };
        await h.Client.UpdateAsync(Pods, pod);
        await h.RunAsync();

        var released = h.Get(Pods, pod.Name())!;
        Assert.Null(released.Obj("metadata")!["ownerReferences"]);
        Assert.Equal(3, h.AllPods().Count);
        Assert.Equal(2, h.AllPods().Count(p => OwnerReferences.ControllerUid(p) == rs.Uid()));
    }

    private static async Task BindAsync(WorkloadHarness h, JsonObject pod, string node)
    {
        var current = h.Get(Pods, pod.Name())!;
        current["spec"]!["nodeName"] = node;
        await h.Client.UpdateAsync(Pods, current);
    }
}
