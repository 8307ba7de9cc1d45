using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Tests.ReplicaSet;
using static EdgeOrch.Controllers.Tests.Deployment.DeploymentKit;
using static EdgeOrch.Controllers.Tests.ReplicaSet.WorkloadHarness;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class DeploymentRolloutTests
{
    [Fact]
    public async Task CreatesReplicaSetNamedByTemplateHashAndItsPods()
    {
        var h = new WorkloadHarness();
        var d = await CreateAsync(h, "web", 3, "nginx:1.27");
        await SettleAsync(h);

        var rs = Assert.Single(h.AllReplicaSets());
        var hash = PodTemplateHash.Compute(d.Obj("spec").Obj("template"), null);
        Assert.Equal($"web-{hash}", rs.Name());
        Assert.Equal(hash, rs.Labels().Str("pod-template-hash"));
        Assert.Equal("web", rs.Labels().Str("app"));
        Assert.Equal(hash, rs.Obj("spec").Obj("selector").Obj("matchLabels").Str("pod-template-hash"));
        Assert.Equal(hash, rs.Obj("spec").Obj("template").Obj("metadata").Obj("labels").Str("pod-template-hash"));
        Assert.Equal("1", rs.Annotation(Revisions.Revision));
        Assert.Equal("3", rs.Annotation(Revisions.DesiredReplicas));
        Assert.Equal("4", rs.Annotation(Revisions.MaxReplicas));
        var owner = OwnerReferences.ControllerOf(rs)!;
        Assert.Equal(("Deployment", "web", d.Uid(), true), (owner.Str("kind"), owner.Str("name"), owner.Str("uid"), owner.Bool("blockOwnerDeletion") == true));

        var pods = h.AllPods();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches($"^web-{hash}-[a-z0-9]{{5}}$", p.Name()));
        Assert.All(pods, p => Assert.Equal(hash, p.Labels().Str("pod-template-hash")));

        Assert.Contains(h.Events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set web-{hash} from 0 to 3");
        var status = Status(h, "web");
        Assert.Equal((3, 3, 3, 3, 1), ((int)status.Int("replicas")!, (int)status.Int("updatedReplicas")!, (int)status.Int("readyReplicas")!,
            (int)status.Int("availableReplicas")!, (int)status.Int("observedGeneration")!));
        Assert.Null(status["unavailableReplicas"]);
        Assert.Equal("1", h.Get(Deployments, "web")!.Annotation(Revisions.Revision));
        var available = Condition(h, "web", "Available")!;
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
            (available.Str("status"), available.Str("reason"), available.Str("message")));
        var progressing = Condition(h, "web", "Progressing")!;
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."),
            (progressing.Str("status"), progressing.Str("reason"), progressing.Str("message")));
    }

    public static TheoryData<int, string, string, int, int> Strategies => new()
    {
        { 10, "25%", "25%", 3, 2 },
        { 4, "1", "0", 1, 0 },
        { 4, "0", "1", 0, 1 },
        { 5, "100%", "0%", 5, 0 },
        { 3, "0%", "0%", 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task RollingUpdateNeverCrossesSurgeOrUnavailabilityLimits(int replicas, string surge, string unavailable, int maxSurge, int maxUnavailable)
    {
        JsonNode Parse(string v) => int.TryParse(v, out var n) ? JsonValue.Create(n) : JsonValue.Create(v);
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", replicas, "app:v1", Rolling(Parse(surge), Parse(unavailable)));
        await SettleAsync(h);
        var oldSet = Assert.Single(h.AllReplicaSets());

        var checks = 0;
        var maxSeen = 0;
        var minAvailableSeen = int.MaxValue;
        h.AfterEachWrite = () =>
        {
            var active = h.ActivePods();
            var available = active.Count(PodState.IsReady);
            maxSeen = Math.Max(maxSeen, active.Count);
            minAvailableSeen = Math.Min(minAvailableSeen, available);
            Assert.True(active.Count <= replicas + maxSurge, $"{active.Count} pods > {replicas} + {maxSurge}");
            Assert.True(available >= replicas - maxUnavailable, $"{available} available < {replicas} - {maxUnavailable}");
            var specSum = h.AllReplicaSets().Sum(SpecReplicas);
            Assert.True(specSum <= replicas + maxSurge, $"replica sets want {specSum} > {replicas} + {maxSurge}");
            checks++;
        };

        await SetImageAsync(h, "web", "app:v2");
        await SettleAsync(h);
        h.AfterEachWrite = null;

        Assert.True(checks > replicas, "the invariant was checked on every write");
        Assert.Equal(replicas + maxSurge, maxSeen);
        Assert.Equal(replicas - maxUnavailable, minAvailableSeen);
        var pods = h.ActivePods();
        Assert.Equal(replicas, pods.Count);
        Assert.All(pods, p => Assert.Equal("app:v2", Image(p)));
        Assert.Equal(0, SpecReplicas(h.Get(ReplicaSets, oldSet.Name())!));
        var newSet = NewSet(h, "web");
        Assert.Equal("2", newSet.Annotation(Revisions.Revision));
        Assert.Equal("2", h.Get(Deployments, "web")!.Annotation(Revisions.Revision));
        var status = Status(h, "web");
        Assert.Equal(replicas, status.Int("updatedReplicas"));
        Assert.Equal(replicas, status.Int("availableReplicas"));
        Assert.Equal("NewReplicaSetAvailable", Condition(h, "web", "Progressing")!.Str("reason"));
        Assert.Contains(h.Events, e => e.Reason == "ScalingReplicaSet" && e.Message.StartsWith($"Scaled down replica set {oldSet.Name()} from {replicas} to "));
        Assert.Contains(h.Events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled down replica set {oldSet.Name()} from 1 to 0"
            || e.Message.EndsWith(" to 0") && e.Message.Contains(oldSet.Name()));
    }

    [Fact]
    public async Task RecreateRemovesAllOldPodsBeforeCreatingNewOnes()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "db", 3, "db:v1", new JsonObject { ["type"] = "Recreate" });
        await SettleAsync(h);
        var sawEmpty = false;
        h.AfterEachWrite = () =>
        {
            var images = h.ActivePods().Select(Image).Distinct().ToList();
            Assert.True(images.Count <= 1, "old and new pods never run together");
            if (h.ActivePods().Count == 0) sawEmpty = true;
        };

        await SetImageAsync(h, "db", "db:v2");
        await SettleAsync(h);
        h.AfterEachWrite = null;

        Assert.True(sawEmpty);
        Assert.Equal(3, h.ActivePods().Count(p => Image(p) == "db:v2"));
        Assert.Equal(2, h.AllReplicaSets().Count);
        Assert.Equal("NewReplicaSetAvailable", Condition(h, "db", "Progressing")!.Str("reason"));
    }

    [Fact]
    public async Task ScalingMidRolloutIsSpreadProportionally()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 10, "app:v1", Rolling(3, 2));
        await SettleAsync(h);
        var old = Assert.Single(h.AllReplicaSets());
        await SetImageAsync(h, "web", "app:v2");
        await h.RunAsync();
        // Surge: new set at 5, old at 8 (13 = 10 + 3), nothing new ready yet.
        Assert.Equal(8, SpecReplicas(h.Get(ReplicaSets, old.Name())!));
        Assert.Equal(5, SpecReplicas(NewSet(h, "web")));

        await EditAsync(h, "web", d => d["spec"]!["replicas"] = 20);
        await h.RunAsync();
        // 23 allowed (20 + 3): old 8*23/13 -> 14, new 5*23/13 -> 9.
        Assert.Equal(14, SpecReplicas(h.Get(ReplicaSets, old.Name())!));
        Assert.Equal(9, SpecReplicas(NewSet(h, "web")));
        Assert.Equal("20", NewSet(h, "web").Annotation(Revisions.DesiredReplicas));
        Assert.Equal("23", NewSet(h, "web").Annotation(Revisions.MaxReplicas));

        await SettleAsync(h);
        Assert.Equal(20, h.ActivePods().Count(p => Image(p) == "app:v2"));
        Assert.Equal(20, h.ActivePods().Count);
    }

    [Fact]
    public async Task ScalingACompleteDeploymentResizesItsOnlySet()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 2, "app:v1");
        await SettleAsync(h);
        await EditAsync(h, "web", d => d["spec"]!["replicas"] = 5);
        await SettleAsync(h);
        var rs = Assert.Single(h.AllReplicaSets());
        Assert.Equal(5, SpecReplicas(rs));
        Assert.Equal(5, h.ActivePods().Count);
        Assert.Contains(h.Events, e => e.Message == $"Scaled up replica set {rs.Name()} from 2 to 5");
    }

    [Fact]
    public async Task RestartAnnotationRollsOutANewReplicaSet()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 2, "app:v1");
        await SettleAsync(h);
        var before = h.AllPods().Select(p => p.Name()).ToHashSet();
        await EditAsync(h, "web", d => d["spec"]!["template"]!["metadata"]!["annotations"] =
            new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T12:00:00Z" });
        await SettleAsync(h);

        Assert.Equal(2, h.AllReplicaSets().Count);
        Assert.Equal("2", NewSet(h, "web").Annotation(Revisions.Revision));
        Assert.DoesNotContain(h.ActivePods(), p => before.Contains(p.Name()));
        Assert.All(h.ActivePods(), p => Assert.Equal("2026-01-01T12:00:00Z", p.Annotation("kubectl.kubernetes.io/restartedAt")));
    }

    [Fact]
    public async Task HashCollisionBumpsCollisionCountAndPicksAnotherName()
    {
        var h = new WorkloadHarness();
        var template = Template("web", "app:v1");
        var hash = PodTemplateHash.Compute(template, null);
        await h.Client.CreateAsync(ReplicaSets, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"web-{hash}", ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = "squatter" } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = Selector("squatter"),
                ["template"] = Template("squatter", "other"),
            },
        });
        await CreateAsync(h, "web", 1, "app:v1");
        await SettleAsync(h);

        Assert.Equal(1, Status(h, "web").Int("collisionCount"));
        var mine = NewSet(h, "web");
        Assert.Equal($"web-{PodTemplateHash.Compute(template, 1)}", mine.Name());
        Assert.Equal(1, h.ActivePods().Count(p => p.Labels().Str("app") == "web"));
    }
}
