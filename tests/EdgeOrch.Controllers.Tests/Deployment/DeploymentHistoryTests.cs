using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Tests.ReplicaSet;
using static EdgeOrch.Controllers.Tests.Deployment.DeploymentKit;
using static EdgeOrch.Controllers.Tests.ReplicaSet.WorkloadHarness;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class DeploymentHistoryTests
{
    /// <summary>What `kubectl rollout undo --to-revision` does client-side: the old set's template, minus the hash label.</summary>
    private static Task UndoToAsync(WorkloadHarness h, string name, string revision)
    {
        var rs = h.AllReplicaSets().Single(r => r.Annotation(Revisions.Revision) == revision);
        var template = PodTemplateHash.WithoutHash(rs.Obj("spec").Obj("template"));
        return EditAsync(h, name, d => d["spec"]!["template"] = template);
    }

    [Fact]
    public async Task RollbackReusesTheOldReplicaSetWithTheNextRevision()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 3, "app:v1");
        await SettleAsync(h);
        var first = Assert.Single(h.AllReplicaSets());
        await SetImageAsync(h, "web", "app:v2");
        await SettleAsync(h);

        await UndoToAsync(h, "web", "1");
        await SettleAsync(h);

        Assert.Equal(2, h.AllReplicaSets().Count);
        var reused = h.Get(ReplicaSets, first.Name())!;
        Assert.Equal("3", reused.Annotation(Revisions.Revision));
        Assert.Equal("1", reused.Annotation(Revisions.RevisionHistory));
        Assert.Equal(3, SpecReplicas(reused));
        Assert.Equal("3", h.Get(Deployments, "web")!.Annotation(Revisions.Revision));
        Assert.All(h.ActivePods(), p => Assert.Equal("app:v1", Image(p)));
        // `kubectl rollout history` lists the revisions the sets carry now.
        Assert.Equal(new[] { "2", "3" }, h.AllReplicaSets().Select(r => r.Annotation(Revisions.Revision)).Order().ToArray());

        // Rolling back again extends the history list.
        await UndoToAsync(h, "web", "2");
        await SettleAsync(h);
        await UndoToAsync(h, "web", "3");
        await SettleAsync(h);
        reused = h.Get(ReplicaSets, first.Name())!;
        Assert.Equal("5", reused.Annotation(Revisions.Revision));
        Assert.Equal("1,3", reused.Annotation(Revisions.RevisionHistory));
    }

    [Fact]
    public async Task ChangeCauseAnnotationIsCopiedToTheReplicaSet()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 1, "app:v1");
        await EditAsync(h, "web", d => d["metadata"]!["annotations"] = new JsonObject { ["kubernetes.io/change-cause"] = "first" });
        await SettleAsync(h);
        var rs = Assert.Single(h.AllReplicaSets());
        Assert.Equal("first", rs.Annotation("kubernetes.io/change-cause"));
    }

    [Fact]
    public async Task RevisionHistoryLimitDeletesTheOldestScaledDownSets()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 2, "app:v1", spec: s => s["revisionHistoryLimit"] = 1);
        await SettleAsync(h);
        for (var v = 2; v <= 4; v++)
        {
            await SetImageAsync(h, "web", $"app:v{v}");
            await SettleAsync(h);
        }
        var sets = h.AllReplicaSets();
        Assert.Equal(2, sets.Count);
        Assert.Equal(new[] { "3", "4" }, sets.Select(r => r.Annotation(Revisions.Revision)).Order().ToArray());
    }

    [Fact]
    public async Task PausedDeploymentScalesButDoesNotRollOut()
    {
        var h = new WorkloadHarness();
        await CreateAsync(h, "web", 3, "app:v1");
        await SettleAsync(h);
        var first = Assert.Single(h.AllReplicaSets());

        await EditAsync(h, "web", d => d["spec"]!["paused"] = true);
        await SetImageAsync(h, "web", "app:v2");
        await SettleAsync(h);
        Assert.Single(h.AllReplicaSets());
        var progressing = Condition(h, "web", "Progressing")!;
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"),
            (progressing.Str("status"), progressing.Str("reason"), progressing.Str("message")));

        await EditAsync(h, "web", d => d["spec"]!["replicas"] = 5);
        await SettleAsync(h);
        Assert.Equal(5, SpecReplicas(h.Get(ReplicaSets, first.Name())!));
        Assert.Equal(5, h.ActivePods().Count(p => Image(p) == "app:v1"));
        Assert.Contains(h.Events, e => e.Message == $"Scaled up replica set {first.Name()} from 3 to 5");

        await EditAsync(h, "web", d => d["spec"]!["paused"] = false);
        await h.RunAsync();
        Assert.Contains(h.Events, e => e.Message.StartsWith("Scaled up replica set web-") && !e.Message.Contains(first.Name()));
        await SettleAsync(h);
        Assert.Equal(5, h.ActivePods().Count(p => Image(p) == "app:v2"));
        Assert.Equal(5, h.ActivePods().Count);
        Assert.Equal("NewReplicaSetAvailable", Condition(h, "web", "Progressing")!.Str("reason"));
    }

    [Fact]
    public async Task DeploymentAdoptsAnOrphanReplicaSetWithItsTemplate()
    {
        var h = new WorkloadHarness();
        var template = Template("web", "app:v1");
        var orphan = await h.Client.CreateAsync(ReplicaSets, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web-orphan", ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = new JsonObject { ["replicas"] = 2, ["selector"] = Selector("web"), ["template"] = template.DeepClone() },
        });
        var d = await CreateAsync(h, "web", 2, "app:v1");
        await SettleAsync(h);

        var rs = Assert.Single(h.AllReplicaSets());
        Assert.Equal(orphan.Name(), rs.Name());
        Assert.Equal(d.Uid(), OwnerReferences.ControllerUid(rs));
        Assert.Equal("1", rs.Annotation(Revisions.Revision));
        Assert.Equal(2, h.ActivePods().Count);
    }
}
