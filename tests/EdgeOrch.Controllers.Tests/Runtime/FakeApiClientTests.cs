using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

/// <summary>The fake must behave like the API where controllers depend on it, or controller tests prove nothing.</summary>
public class FakeApiClientTests
{
    private static readonly ResourceRegistry Registry = new();
    private static readonly ResourceType Deployments = Registry.Find("apps", "v1", "deployments")!;
    private static readonly ResourceType Pods = Registry.Find("", "v1", "pods")!;

    private static JsonObject Obj(string name, string? app = null, string? node = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["labels"] = app is null ? null : new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject { ["replicas"] = 1, ["nodeName"] = node },
    };

    [Fact]
    public async Task CreateSetsMetadataAndRejectsDuplicates()
    {
        var api = new FakeApiClient();
        var d = await api.CreateAsync(Deployments, Obj("web"));
        Assert.Equal("apps/v1", (string?)d["apiVersion"]);
        Assert.Equal("Deployment", (string?)d["kind"]);
        Assert.NotNull((string?)d["metadata"]!["uid"]);
        Assert.NotNull((string?)d["metadata"]!["creationTimestamp"]);
        Assert.Equal(1, (long?)d["metadata"]!["generation"]);
        var ex = await Assert.ThrowsAsync<ApiClientException>(() => api.CreateAsync(Deployments, Obj("web")));
        Assert.True(ex.IsAlreadyExists);
        var generated = await api.CreateAsync(Pods, new JsonObject { ["metadata"] = new JsonObject { ["generateName"] = "web-", ["namespace"] = "ns" } });
        Assert.StartsWith("web-", (string?)generated["metadata"]!["name"]);
    }

    [Fact]
    public async Task UpdateChecksResourceVersionBumpsGenerationAndKeepsStatus()
    {
        var api = new FakeApiClient();
        var d = await api.CreateAsync(Deployments, Obj("web"));
        var stale = d.DeepClone().AsObject();
        d["spec"]!["replicas"] = 3;
        d["status"] = new JsonObject { ["replicas"] = 9 };
        var updated = await api.UpdateAsync(Deployments, d);
        Assert.Equal(2, (long?)updated["metadata"]!["generation"]);
        Assert.Null(updated["status"]); // the main resource does not write status
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() => api.UpdateAsync(Deployments, stale))).IsConflict);

        updated["status"] = new JsonObject { ["replicas"] = 3 };
        var withStatus = await api.UpdateStatusAsync(Deployments, updated);
        Assert.Equal(3, (int?)withStatus["status"]!["replicas"]);
        Assert.Equal(2, (long?)withStatus["metadata"]!["generation"]);
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() => api.UpdateAsync(Deployments, Obj("missing")))).IsNotFound);
    }

    [Fact]
    public async Task PatchesMergeAndDeleteRemoves()
    {
        var api = new FakeApiClient();
        await api.CreateAsync(Pods, Obj("p", app: "web"));
        var merged = await api.PatchAsync(Pods, "ns", "p", PatchType.Merge, new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "fe" } } });
        Assert.Equal("web", (string?)merged["metadata"]!["labels"]!["app"]);
        Assert.Equal("fe", (string?)merged["metadata"]!["labels"]!["tier"]);
        var patched = await api.PatchAsync(Pods, "ns", "p", PatchType.Json,
            new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/replicas", ["value"] = 5 }));
        Assert.Equal(5, (int?)patched["spec"]!["replicas"]);
        var status = await api.PatchAsync(Pods, "ns", "p", PatchType.StrategicMerge, new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running" } }, "status");
        Assert.Equal("Running", (string?)status["status"]!["phase"]);
        Assert.True(await api.DeleteAsync(Pods, "ns", "p"));
        Assert.False(await api.DeleteAsync(Pods, "ns", "p"));
        Assert.Null(await api.GetAsync(Pods, "ns", "p"));
    }

    [Fact]
    public async Task ListFiltersBySelectors()
    {
        var api = new FakeApiClient();
        api.Seed(Pods, Obj("a", app: "web", node: "n1"));
        api.Seed(Pods, Obj("b", app: "db", node: "n1"));
        api.Seed(Pods, Obj("c", node: "n2"));
        async Task<string[]> Names(string? labels, string? fields) =>
            [.. (await api.ListAsync(Pods, "ns", labels, fields)).Items.Select(i => (string)i["metadata"]!["name"]!)];
        Assert.Equal(["a"], await Names("app=web", null));
        Assert.Equal(["b", "c"], await Names("app!=web", null));
        Assert.Equal(["a", "b"], await Names("app in (web, db)", null));
        Assert.Equal(["c"], await Names("!app", null));
        Assert.Equal(["a", "b"], await Names("app", null));
        Assert.Equal(["b"], await Names("app notin (web)", "spec.nodeName=n1"));
        Assert.Equal(["c"], await Names(null, "spec.nodeName!=n1"));
        Assert.Equal(["a"], await Names(null, "metadata.name==a"));
        Assert.Empty((await api.ListAsync(Pods, "other")).Items);
    }

    [Fact]
    public async Task WatchReplaysFromAVersionThenFollows()
    {
        var api = new FakeApiClient();
        var start = (await api.ListAsync(Pods)).ResourceVersion;
        await api.CreateAsync(Pods, Obj("a"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = new List<string>();
        await foreach (var e in api.WatchAsync(Pods, null, start, cts.Token))
        {
            seen.Add($"{e.Type} {e.Object["metadata"]!["name"]}");
            if (seen.Count == 1)
                await api.DeleteAsync(Pods, "ns", "a");
            if (seen.Count == 2)
                break;
        }
        Assert.Equal(["ADDED a", "DELETED a"], seen);
    }
}
