using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Tests.Rest;

/// <summary>DELETE with a propagation policy, over a real store: who waits for the garbage collector and who goes at once.</summary>
public sealed class DeletionPropagationTests
{
    private static DeleteOptions Policy(string? policy) => new(null, policy, null, null, false);

    [Fact]
    public async Task Background_as_kubectl_sends_it_deletes_at_once()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");

        await f.DeleteConfigMapAsync("a", Policy("Background"));

        Assert.Null(await f.GetConfigMapAsync("a"));
    }

    [Fact]
    public async Task No_policy_deletes_at_once_for_ordinary_kinds()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");

        await f.DeleteConfigMapAsync("a", DeleteOptions.Default);

        Assert.Null(await f.GetConfigMapAsync("a"));
    }

    [Theory]
    [InlineData("Foreground", "foregroundDeletion")]
    [InlineData("Orphan", "orphan")]
    public async Task Foreground_and_orphan_mark_the_object_with_the_finalizer(string policy, string finalizer)
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");

        var returned = await f.DeleteConfigMapAsync("a", Policy(policy));

        var stored = await f.GetConfigMapAsync("a");
        Assert.NotNull(stored);
        Assert.True(ObjectMeta.IsDeleting(stored));
        Assert.Equal([finalizer], ObjectMeta.Finalizers(stored));
        Assert.Equal([finalizer], ObjectMeta.Finalizers(returned));
    }

    [Fact]
    public async Task Deprecated_orphanDependents_true_means_orphan()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");

        var options = DeleteOptions.From(new JsonObject { ["orphanDependents"] = true }, _ => null);
        await f.DeleteConfigMapAsync("a", options);

        Assert.Equal(["orphan"], ObjectMeta.Finalizers((await f.GetConfigMapAsync("a"))!));
    }

    [Fact]
    public async Task Removing_the_gc_finalizer_completes_the_delete()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");
        await f.DeleteConfigMapAsync("a", Policy("Foreground"));

        await f.Updater.UpdateAsync(f.Type("", "v1", "configmaps"), "default", "a", null, current =>
        {
            ObjectMeta.SetFinalizers(current!, []);
            return current!;
        }, WriteOptions.Internal, retryOnConflict: true, createIfMissing: false, CancellationToken.None);

        Assert.Null(await f.GetConfigMapAsync("a"));
    }

    [Fact]
    public async Task Other_finalizers_are_kept_and_background_drops_gc_finalizers()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a", "example.com/keep", "orphan");

        await f.DeleteConfigMapAsync("a", Policy("Background"));

        var stored = await f.GetConfigMapAsync("a");
        Assert.NotNull(stored);
        Assert.True(ObjectMeta.IsDeleting(stored));
        Assert.Equal(["example.com/keep"], ObjectMeta.Finalizers(stored));
    }

    [Fact]
    public async Task A_new_policy_on_an_object_being_deleted_swaps_the_finalizer()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");
        await f.DeleteConfigMapAsync("a", Policy("Foreground"));

        await f.DeleteConfigMapAsync("a", Policy("Orphan"));

        Assert.Equal(["orphan"], ObjectMeta.Finalizers((await f.GetConfigMapAsync("a"))!));
    }

    [Fact]
    public async Task Background_on_an_object_waiting_only_for_the_collector_removes_it()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");
        await f.DeleteConfigMapAsync("a", Policy("Orphan"));

        await f.DeleteConfigMapAsync("a", Policy("Background"));

        Assert.Null(await f.GetConfigMapAsync("a"));
    }

    [Fact]
    public async Task An_unknown_policy_is_invalid()
    {
        await using var f = await RestFixture.CreateAsync();
        await f.CreateConfigMapAsync("a");

        var e = await Assert.ThrowsAsync<ApiException>(() => f.DeleteConfigMapAsync("a", Policy("Sideways")));

        Assert.Equal(422, e.Code);
        Assert.NotNull(await f.GetConfigMapAsync("a"));
    }

    [Fact]
    public void Replication_controllers_orphan_by_default_everything_else_is_background()
    {
        var rc = new EdgeOrch.Api.Resources.ResourceType("", "v1", "ReplicationController", "replicationcontrollers", true, ["rc"]);
        var deployments = new EdgeOrch.Api.Resources.ResourceRegistry().Find("apps", "v1", "deployments")!;

        Assert.Equal(["orphan"], DeletionPropagation.Finalizers(rc, [], DeleteOptions.Default));
        Assert.Empty(DeletionPropagation.Finalizers(deployments, [], DeleteOptions.Default));
        Assert.Empty(DeletionPropagation.Finalizers(rc, [], Policy("Background")));
    }
}
