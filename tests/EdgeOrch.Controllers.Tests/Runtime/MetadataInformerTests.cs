using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

public class MetadataInformerTests
{
    private static readonly ResourceRegistry Registry = new();
    private static readonly ResourceType ConfigMaps = Registry.Find("", "v1", "configmaps")!;

    private static JsonObject ConfigMap(string ns, string name, string value, string? ownerUid = null)
    {
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app"] = "web" },
            ["finalizers"] = new JsonArray("example.com/keep"),
            ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl", ["operation"] = "Update" }),
        };
        if (ownerUid is not null)
            meta["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = ownerUid, ["kind"] = "Deployment", ["name"] = "d" });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = meta,
            ["data"] = new JsonObject { ["big"] = value },
            ["binaryData"] = new JsonObject { ["b"] = "AAAA" },
            ["immutable"] = false,
        };
    }

    private static void AssertStripped(JsonObject obj)
    {
        Assert.Equal(["apiVersion", "kind", "metadata"], obj.Select(p => p.Key).Order());
        Assert.Equal("v1", (string?)obj["apiVersion"]);
        Assert.Equal("ConfigMap", (string?)obj["kind"]);
        var meta = obj["metadata"]!.AsObject();
        Assert.False(meta.ContainsKey("managedFields"));
        Assert.Equal("web", (string?)meta["labels"]!["app"]);
        Assert.Equal("example.com/keep", (string?)meta["finalizers"]![0]);
        Assert.False(string.IsNullOrEmpty((string?)meta["uid"]));
        Assert.False(string.IsNullOrEmpty((string?)meta["resourceVersion"]));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not reached");
            await Task.Delay(2);
        }
    }

    [Fact]
    public void ProjectionKeepsOnlyTypeAndMetadataWithoutManagedFields()
    {
        var source = ConfigMap("a", "c", "x");
        source["metadata"]!["uid"] = "u1";
        source["metadata"]!["resourceVersion"] = "7";
        var before = source.ToJsonString();
        var projected = MetadataProjection.Of(source);
        AssertStripped(projected);
        // The source may be shared with other watchers: it must stay as it was.
        Assert.Equal(before, source.ToJsonString());
    }

    [Fact]
    public async Task CacheAndEventsHoldOnlyMetadata()
    {
        var api = new FakeApiClient();
        api.Seed(ConfigMaps, ConfigMap("a", "listed", "x", ownerUid: "dep-1"));
        var informer = new Informer(api, ConfigMaps, null, metadataOnly: true);
        var events = new ConcurrentQueue<InformerEvent>();
        informer.Changed += events.Enqueue;
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));
        try
        {
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
            await WaitForAsync(() => api.OpenWatches == 1);
            Assert.True(informer.MetadataOnly);
            AssertStripped(informer.Get("a", "listed")!);
            // The owner index works on the stripped objects (the garbage collector relies on it).
            Assert.Equal("listed", (string?)Assert.Single(informer.ListOwnedBy("dep-1"))["metadata"]!["name"]);

            var created = await api.CreateAsync(ConfigMaps, ConfigMap("a", "watched", "y"));
            await WaitForAsync(() => informer.Get("a", "watched") is not null);
            created["data"]!["big"] = "z";
            await api.UpdateAsync(ConfigMaps, created);
            await WaitForAsync(() => events.Count(e => e.Type == InformerEventType.Updated) == 1);
            await api.DeleteAsync(ConfigMaps, "a", "watched");
            await WaitForAsync(() => informer.Get("a", "watched") is null);

            var seen = events.ToList();
            Assert.Equal([InformerEventType.Added, InformerEventType.Added, InformerEventType.Updated, InformerEventType.Deleted],
                seen.Select(e => e.Type));
            foreach (var e in seen)
            {
                AssertStripped(e.New);
                if (e.Old is not null)
                    AssertStripped(e.Old);
            }
            // A data-only change still shows as an update (the resourceVersion moved).
            var update = seen[2];
            Assert.NotEqual((string?)update.Old!["metadata"]!["resourceVersion"], (string?)update.New["metadata"]!["resourceVersion"]);
            // The API's objects keep their data: only the informer's copies are stripped.
            Assert.Equal("x", (string?)api.Peek(ConfigMaps, "a", "listed")!["data"]!["big"]);
        }
        finally
        {
            await cts.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task RelistStripsToo()
    {
        var api = new FakeApiClient();
        var informer = new Informer(api, ConfigMaps, null, metadataOnly: true);
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));
        try
        {
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
            await WaitForAsync(() => api.OpenWatches == 1);
            var hidden = ConfigMap("a", "hidden", "x");
            hidden["metadata"]!["uid"] = "u-hidden";
            hidden["metadata"]!["resourceVersion"] = "99";
            api.SetSilently(ConfigMaps, "a", "hidden", hidden);
            api.BreakWatches(expired: true);
            await WaitForAsync(() => informer.Get("a", "hidden") is not null);
            AssertStripped(informer.Get("a", "hidden")!);
        }
        finally
        {
            await cts.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void FactorySharesMetadataInformersPerKindApartFromFullOnes()
    {
        var factory = new InformerFactory(new FakeApiClient());
        var full = factory.For(ConfigMaps);
        var meta = factory.ForMetadata(ConfigMaps);
        Assert.NotSame(full, meta);
        Assert.False(full.MetadataOnly);
        Assert.True(meta.MetadataOnly);
        Assert.Same(meta, factory.ForMetadata(ConfigMaps));
        Assert.Same(full, factory.For(ConfigMaps));
        Assert.Same(meta, factory.ForMetadata(Registry.Find("", "v1", "configmaps")!));
        Assert.NotSame(meta, factory.ForMetadata(Registry.Find("", "v1", "secrets")!));
        Assert.Equal(3, factory.All.Count);
    }

    [Fact]
    public async Task FullAndMetadataInformersOfOneKindBothRunAndSync()
    {
        var api = new FakeApiClient();
        api.Seed(ConfigMaps, ConfigMap("a", "c", "x"));
        var factory = new InformerFactory(api);
        var full = factory.For(ConfigMaps);
        var meta = factory.ForMetadata(ConfigMaps);
        using var cts = new CancellationTokenSource();
        factory.Start(cts.Token);
        await factory.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("x", (string?)full.Get("a", "c")!["data"]!["big"]);
        AssertStripped(meta.Get("a", "c")!);
        await cts.CancelAsync();
        await factory.StoppedAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
