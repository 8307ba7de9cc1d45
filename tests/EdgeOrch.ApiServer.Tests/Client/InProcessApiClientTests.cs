using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;

namespace EdgeOrch.ApiServer.Tests.Client;

public class InProcessApiClientTests
{
    private static JsonObject Deployment(string name, string ns = "default") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
            },
        },
    };

    [Fact]
    public async Task CreateGetUpdateStatusPatchDeleteRoundTrip()
    {
        await using var server = await InProcessServer.StartAsync();
        var client = server.Client;
        var deployments = server.Type("apps", "v1", "deployments");

        var input = Deployment("web");
        var created = await client.CreateAsync(deployments, input);
        Assert.Null(input["metadata"]!["uid"]); // the caller's object is not changed
        Assert.NotNull((string?)created["metadata"]!["uid"]);
        Assert.Equal(1, (long?)created["metadata"]!["generation"]);
        Assert.Equal("RollingUpdate", (string?)created["spec"]!["strategy"]!["type"]); // defaulted
        Assert.Equal("edgeorch-controller", (string?)created["metadata"]!["managedFields"]![0]!["manager"]);

        var got = await client.GetAsync(deployments, "default", "web");
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], (string?)got!["metadata"]!["resourceVersion"]);
        Assert.Null(await client.GetAsync(deployments, "default", "missing"));

        got["spec"]!["replicas"] = 3;
        var updated = await client.UpdateAsync(deployments, got);
        Assert.Equal(2, (long?)updated["metadata"]!["generation"]);
        var stale = await Assert.ThrowsAsync<ApiClientException>(() => client.UpdateAsync(deployments, got));
        Assert.True(stale.IsConflict);

        updated["status"] = new JsonObject { ["replicas"] = 3, ["observedGeneration"] = 2 };
        var withStatus = await client.UpdateStatusAsync(deployments, updated);
        Assert.Equal(3, (int?)withStatus["status"]!["replicas"]);
        Assert.Equal(2, (long?)withStatus["metadata"]!["generation"]);

        var patched = await client.PatchAsync(deployments, "default", "web", PatchType.Merge,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["a"] = "b" } } });
        Assert.Equal("b", (string?)patched["metadata"]!["annotations"]!["a"]);
        var statusPatched = await client.PatchAsync(deployments, "default", "web", PatchType.StrategicMerge,
            new JsonObject { ["status"] = new JsonObject { ["readyReplicas"] = 2 } }, "status");
        Assert.Equal(2, (int?)statusPatched["status"]!["readyReplicas"]);
        var scaled = await client.PatchAsync(deployments, "default", "web", PatchType.Json,
            new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/replicas", ["value"] = 5 }));
        Assert.Equal(5, (int?)scaled["spec"]!["replicas"]);

        Assert.True(await client.DeleteAsync(deployments, "default", "web"));
        Assert.False(await client.DeleteAsync(deployments, "default", "web"));
        Assert.Null(await client.GetAsync(deployments, "default", "web"));
    }

    [Fact]
    public async Task ErrorsCarryCodeAndReason()
    {
        await using var server = await InProcessServer.StartAsync();
        var deployments = server.Type("apps", "v1", "deployments");
        await server.Client.CreateAsync(deployments, Deployment("web"));
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() => server.Client.CreateAsync(deployments, Deployment("web")))).IsAlreadyExists);
        var missingNs = await Assert.ThrowsAsync<ApiClientException>(() => server.Client.CreateAsync(deployments, Deployment("web", "nowhere")));
        Assert.Equal(404, missingNs.Code);
        var invalid = Deployment("bad");
        invalid["spec"]!["replicas"] = -1;
        var ex = await Assert.ThrowsAsync<ApiClientException>(() => server.Client.CreateAsync(deployments, invalid));
        Assert.Equal(422, ex.Code);
        Assert.Equal("Invalid", ex.Reason);
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() =>
            server.Client.PatchAsync(deployments, "default", "none", PatchType.Merge, new JsonObject()))).IsNotFound);
    }

    [Fact]
    public async Task ListFiltersBySelectorsAndNamespace()
    {
        await using var server = await InProcessServer.StartAsync();
        var client = server.Client;
        var deployments = server.Type("apps", "v1", "deployments");
        var namespaces = server.Type("", "v1", "namespaces");
        await client.CreateAsync(namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "other" } });
        await client.CreateAsync(deployments, Deployment("a"));
        await client.CreateAsync(deployments, Deployment("b"));
        await client.CreateAsync(deployments, Deployment("c", "other"));

        Assert.Equal(3, (await client.ListAsync(deployments)).Items.Count);
        Assert.Equal(2, (await client.ListAsync(deployments, "default")).Items.Count);
        Assert.Equal("b", (string?)Assert.Single((await client.ListAsync(deployments, labelSelector: "app=b")).Items)["metadata"]!["name"]);
        Assert.Equal("c", (string?)Assert.Single((await client.ListAsync(deployments, fieldSelector: "metadata.namespace=other")).Items)["metadata"]!["name"]);
        var list = await client.ListAsync(deployments);
        Assert.Equal(server.Store.CurrentRevision.ToString(), list.ResourceVersion);
        await Assert.ThrowsAsync<ApiClientException>(() => client.ListAsync(deployments, labelSelector: "a in (b"));
    }

    [Fact]
    public async Task WatchFollowsChangesFromAVersion()
    {
        await using var server = await InProcessServer.StartAsync();
        var client = server.Client;
        var deployments = server.Type("apps", "v1", "deployments");
        await client.CreateAsync(deployments, Deployment("before"));
        var start = (await client.ListAsync(deployments)).ResourceVersion;

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync(deployments, "default", start, cts.Token))
            {
                seen.Add($"{e.Type} {e.Object["metadata"]!["name"]}");
                if (seen.Count == 3)
                    break;
            }
        });
        var created = await client.CreateAsync(deployments, Deployment("web"));
        created["spec"]!["replicas"] = 2;
        await client.UpdateAsync(deployments, created);
        await client.DeleteAsync(deployments, "default", "web");
        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["ADDED web", "MODIFIED web", "DELETED web"], seen);
    }

    [Fact]
    public async Task WatchWithoutVersionStartsWithTheCurrentObjects()
    {
        await using var server = await InProcessServer.StartAsync();
        var deployments = server.Type("apps", "v1", "deployments");
        await server.Client.CreateAsync(deployments, Deployment("a"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in server.Client.WatchAsync(deployments, null, "", cts.Token))
        {
            Assert.Equal("ADDED", e.Type);
            Assert.Equal("a", (string?)e.Object["metadata"]!["name"]);
            break;
        }
    }

    [Fact]
    public async Task WatchFromACompactedVersionEndsWith410()
    {
        await using var server = await InProcessServer.StartAsync();
        var deployments = server.Type("apps", "v1", "deployments");
        await server.Client.CreateAsync(deployments, Deployment("a"));
        var old = (await server.Client.ListAsync(deployments)).ResourceVersion;
        await server.Client.CreateAsync(deployments, Deployment("b"));
        await server.Client.CreateAsync(deployments, Deployment("c"));
        await server.Store.CompactAsync(server.Store.CurrentRevision);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<ApiWatchEvent>();
        await foreach (var e in server.Client.WatchAsync(deployments, null, (long.Parse(old) - 1).ToString(), cts.Token))
            events.Add(e);
        var error = Assert.Single(events);
        Assert.Equal("ERROR", error.Type);
        Assert.Equal(410, (int?)error.Object["code"]);
    }

    [Fact]
    public async Task CancellingAWatchEndsIt()
    {
        await using var server = await InProcessServer.StartAsync();
        var deployments = server.Type("apps", "v1", "deployments");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var count = 0;
        await foreach (var _ in server.Client.WatchAsync(deployments, null, server.Store.CurrentRevision.ToString(), cts.Token))
            count++;
        Assert.Equal(0, count);
    }
}
