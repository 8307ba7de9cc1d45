using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Tests.Rest;

/// <summary>A pod bound to a node waits for its node to stop it; the node's delete with grace 0 then removes it.</summary>
public sealed class PodGracefulDeletionTests
{
    [Fact]
    public async Task A_bound_pod_is_marked_then_removed_by_a_second_delete_with_grace_zero()
    {
        await using var f = await RestFixture.CreateAsync();
        var pods = f.Type("", "v1", "pods");
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = "node-1",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }),
            },
        };
        await f.Creator.CreateAsync(pods, "default", pod, WriteOptions.Internal, CancellationToken.None);

        var marked = await f.Deleter.DeleteAsync(pods, "default", "p", DeleteOptions.Default, CancellationToken.None);
        Assert.True(ObjectMeta.IsDeleting(marked));
        Assert.NotNull(await f.Storage.GetAsync(pods, "default", "p", CancellationToken.None));

        // A plain repeat changes nothing; the node's confirmation (grace 0) completes it.
        await f.Deleter.DeleteAsync(pods, "default", "p", DeleteOptions.Default, CancellationToken.None);
        Assert.NotNull(await f.Storage.GetAsync(pods, "default", "p", CancellationToken.None));
        await f.Deleter.DeleteAsync(pods, "default", "p", DeleteOptions.Default with { GracePeriodSeconds = 0 }, CancellationToken.None);
        Assert.Null(await f.Storage.GetAsync(pods, "default", "p", CancellationToken.None));
    }
}
