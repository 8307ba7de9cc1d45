using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.GarbageCollector;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.GarbageCollector.GcObjects;

namespace EdgeOrch.Controllers.Tests.GarbageCollector;

public sealed class GarbageCollectorTests
{
    private static ControllerHarness NewHarness() => new(ctx => new GarbageCollectorController(ctx));

    private static ResourceType Deployments(ControllerHarness h) => h.Type("apps", "v1", "deployments");
    private static ResourceType ReplicaSets(ControllerHarness h) => h.Type("apps", "v1", "replicasets");
    private static ResourceType Pods(ControllerHarness h) => h.Type("", "v1", "pods");
    private static ResourceType ConfigMaps(ControllerHarness h) => h.Type("", "v1", "configmaps");

    [Fact]
    public async Task Background_delete_of_a_deployment_removes_its_replicasets_and_their_pods()
    {
        await using var h = NewHarness();
        var deploy = h.Client.Seed(Deployments(h), Make("apps/v1", "Deployment", "web"));
        var rs = h.Client.Seed(ReplicaSets(h), Make("apps/v1", "ReplicaSet", "web-7d4f9b8c5d", RefTo(deploy)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "web-7d4f9b8c5d-aaaaa", RefTo(rs)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "web-7d4f9b8c5d-bbbbb", RefTo(rs)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "standalone"));
        await h.StartAsync();
        await h.SettleAsync();
        Assert.Empty(h.Client.Writes);

        await h.Client.DeleteAsync(Deployments(h), "default", "web", "Background");
        await h.SettleAsync();

        Assert.Empty(h.Client.PeekAll(ReplicaSets(h)));
        Assert.Equal(["standalone"], h.Client.PeekAll(Pods(h)).Select(p => (string)p["metadata"]!["name"]!));
        var rsDelete = Assert.Single(h.Client.Writes, c => c.Verb == "delete" && c.Type == ReplicaSets(h));
        Assert.Equal("Background", (string?)rsDelete.Body);
    }

    [Fact]
    public async Task An_owner_recreated_under_the_same_name_does_not_keep_the_old_dependents()
    {
        await using var h = NewHarness();
        var rs = h.Client.Seed(ReplicaSets(h), Make("apps/v1", "ReplicaSet", "web"));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "of-old-web", RefTo("apps/v1", "ReplicaSet", "web", "11111111-dead-dead-dead-000000000000")));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "of-new-web", RefTo(rs)));

        await h.StartAsync();
        await h.SettleAsync();

        Assert.Null(h.Client.Peek(Pods(h), "default", "of-old-web"));
        Assert.NotNull(h.Client.Peek(Pods(h), "default", "of-new-web"));
        Assert.NotNull(h.Client.Peek(ReplicaSets(h), "default", "web"));
    }

    [Fact]
    public async Task A_dependent_with_a_live_owner_left_only_loses_the_reference_to_the_gone_one()
    {
        await using var h = NewHarness();
        var cm = h.Client.Seed(ConfigMaps(h), Make("v1", "ConfigMap", "keeper"));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "shared",
            RefTo(cm, block: false), RefTo("apps/v1", "ReplicaSet", "gone", "22222222-dead-dead-dead-000000000000")));

        await h.StartAsync();
        await h.SettleAsync();

        var pod = h.Client.Peek(Pods(h), "default", "shared");
        Assert.NotNull(pod);
        Assert.Equal([Uid(cm)], OwnerUids(pod));
    }

    [Fact]
    public async Task Orphan_removes_the_owner_references_keeps_the_dependents_then_drops_the_finalizer()
    {
        await using var h = NewHarness();
        var rs = h.Client.Seed(ReplicaSets(h), Deleting(Make("apps/v1", "ReplicaSet", "web"), "orphan"));
        var other = h.Client.Seed(ConfigMaps(h), Make("v1", "ConfigMap", "other"));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "a", RefTo(rs)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "b", RefTo(rs), RefTo(other, block: false)));

        await h.StartAsync();
        await h.SettleAsync();

        Assert.Empty(OwnerUids(h.Client.Peek(Pods(h), "default", "a")!));
        Assert.Equal([Uid(other)], OwnerUids(h.Client.Peek(Pods(h), "default", "b")!));
        Assert.Empty(Finalizers(h.Client.Peek(ReplicaSets(h), "default", "web")!));
        Assert.DoesNotContain(h.Client.Writes, c => c.Verb == "delete");
    }

    [Fact]
    public async Task Foreground_deletes_blocking_dependents_first_then_releases_the_owner()
    {
        await using var h = NewHarness();
        var deploy = h.Client.Seed(Deployments(h), Deleting(Make("apps/v1", "Deployment", "web"), "foregroundDeletion"));
        var rs = h.Client.Seed(ReplicaSets(h), Make("apps/v1", "ReplicaSet", "web-1", RefTo(deploy)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "web-1-aaaaa", RefTo(rs)));
        h.Client.Seed(ConfigMaps(h), Make("v1", "ConfigMap", "loose", RefTo(deploy, block: false)));

        await h.StartAsync();
        await h.SettleAsync();

        Assert.Empty(h.Client.PeekAll(ReplicaSets(h)));
        Assert.Empty(h.Client.PeekAll(Pods(h)));
        Assert.Empty(h.Client.PeekAll(ConfigMaps(h)));
        Assert.Empty(Finalizers(h.Client.Peek(Deployments(h), "default", "web")!));

        var writes = h.Client.Writes.ToList();
        var rsDeleted = writes.FindIndex(c => c.Verb == "delete" && c.Type == ReplicaSets(h));
        var ownerReleased = writes.FindIndex(c => c.Verb == "update" && c.Type == Deployments(h));
        Assert.True(rsDeleted >= 0 && ownerReleased > rsDeleted, string.Join(", ", writes.Select(w => $"{w.Verb} {w.Name}")));
        // The ReplicaSet has dependents of its own: it is deleted in the foreground as well, so the wait covers the tree.
        Assert.Equal("Foreground", (string?)writes[rsDeleted].Body);
    }

    [Fact]
    public async Task Foreground_waits_while_a_blocking_dependent_is_still_terminating()
    {
        await using var h = NewHarness();
        var deploy = h.Client.Seed(Deployments(h), Deleting(Make("apps/v1", "Deployment", "web"), "foregroundDeletion"));
        h.Client.Seed(Pods(h), Deleting(Make("v1", "Pod", "slow", RefTo(deploy)), "example.com/cleanup"));

        await h.StartAsync();
        await h.SettleAsync();
        Assert.Equal(["foregroundDeletion"], Finalizers(h.Client.Peek(Deployments(h), "default", "web")!));

        await h.Client.DeleteAsync(Pods(h), "default", "slow");
        await h.SettleAsync();
        Assert.Empty(Finalizers(h.Client.Peek(Deployments(h), "default", "web")!));
    }

    [Fact]
    public async Task Nothing_is_written_while_every_owner_exists()
    {
        await using var h = NewHarness();
        var deploy = h.Client.Seed(Deployments(h), Make("apps/v1", "Deployment", "web"));
        var rs = h.Client.Seed(ReplicaSets(h), Make("apps/v1", "ReplicaSet", "web-1", RefTo(deploy)));
        h.Client.Seed(Pods(h), Make("v1", "Pod", "p", RefTo(rs)));
        await h.StartAsync();
        await h.SettleAsync();

        var pod = h.Client.Peek(Pods(h), "default", "p")!;
        pod["status"] = new JsonObject { ["phase"] = "Running" };
        await h.Client.UpdateStatusAsync(Pods(h), pod);
        await h.SettleAsync();

        Assert.DoesNotContain(h.Client.Writes, c => c.Verb is "delete" || (c.Verb == "update" && c.Type != Pods(h)));
        Assert.Equal(3, h.Client.PeekAll(Deployments(h)).Count + h.Client.PeekAll(ReplicaSets(h)).Count + h.Client.PeekAll(Pods(h)).Count);
    }

    [Fact]
    public async Task Custom_resources_added_later_are_collected_too()
    {
        await using var h = NewHarness();
        var owner = h.Client.Seed(ConfigMaps(h), Make("v1", "ConfigMap", "owner"));
        var widgets = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true };
        h.Client.Seed(widgets, Make("example.com/v1", "Widget", "w", RefTo(owner)));
        await h.StartAsync();
        await h.SettleAsync();

        h.Registry.SetCustom("example.com", "widgets", [widgets]);
        await h.SettleAsync();
        Assert.NotNull(h.Client.Peek(widgets, "default", "w"));

        await h.Client.DeleteAsync(ConfigMaps(h), "default", "owner");
        await h.SettleAsync();
        Assert.Null(h.Client.Peek(widgets, "default", "w"));
    }
}
