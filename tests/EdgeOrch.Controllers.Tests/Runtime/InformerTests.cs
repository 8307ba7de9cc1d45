using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

public class InformerTests
{
    private static readonly ResourceType Pods = new ResourceRegistry().Find("", "v1", "pods")!;

    private static JsonObject Pod(string ns, string name, string? ownerUid = null, string phase = "Pending")
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (ownerUid is not null)
            meta["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = ownerUid, ["kind"] = "ReplicaSet", ["name"] = "rs", ["controller"] = true });
        return new JsonObject { ["metadata"] = meta, ["spec"] = new JsonObject { ["containers"] = new JsonArray() }, ["status"] = new JsonObject { ["phase"] = phase } };
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly Task _run;

        public Running(Informer informer)
        {
            Informer = informer;
            informer.Changed += e => Events.Enqueue(e);
            _run = Task.Run(() => informer.RunAsync(_cts.Token));
        }

        public Informer Informer { get; }

        public ConcurrentQueue<InformerEvent> Events { get; } = new();

        public async Task WaitForAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException("condition not reached");
                await Task.Delay(2);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task InitialListFillsTheCacheAndRaisesAdded()
    {
        var api = new FakeApiClient();
        api.Seed(Pods, Pod("a", "p1"));
        api.Seed(Pods, Pod("b", "p2"));
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, run.Informer.List().Count);
        Assert.Single(run.Informer.List("a"));
        Assert.Empty(run.Informer.List("c"));
        Assert.NotNull(run.Informer.Get("b", "p2"));
        Assert.NotNull(run.Informer.GetByKey("b/p2"));
        Assert.Equal([InformerEventType.Added, InformerEventType.Added], run.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task WatchKeepsTheCacheCurrent()
    {
        var api = new FakeApiClient();
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await run.WaitForAsync(() => api.OpenWatches == 1);

        var created = await api.CreateAsync(Pods, Pod("a", "p1"));
        await run.WaitForAsync(() => run.Informer.Get("a", "p1") is not null);
        created["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        await api.UpdateAsync(Pods, created);
        await run.WaitForAsync(() => run.Informer.Get("a", "p1")?["metadata"]?["labels"] is not null);
        await api.DeleteAsync(Pods, "a", "p1");
        await run.WaitForAsync(() => run.Informer.Get("a", "p1") is null);

        var events = run.Events.ToList();
        Assert.Equal([InformerEventType.Added, InformerEventType.Updated, InformerEventType.Deleted], events.Select(e => e.Type));
        Assert.Null(events[1].Old!["metadata"]!["labels"]);
        Assert.Equal("p1", (string?)events[2].New["metadata"]!["name"]);
    }

    [Fact]
    public async Task RelistAfterExpiredWatchRaisesTheDifference()
    {
        var api = new FakeApiClient();
        api.Seed(Pods, Pod("a", "keep"));
        api.Seed(Pods, Pod("a", "change"));
        api.Seed(Pods, Pod("a", "remove"));
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await run.WaitForAsync(() => api.OpenWatches == 1);
        while (run.Events.TryDequeue(out _)) { }

        // Changes the watch never reports: only the re-list after the 410 can find them.
        var changed = api.Peek(Pods, "a", "change")!;
        changed["status"]!["phase"] = "Running";
        api.SetSilently(Pods, "a", "change", changed);
        api.SetSilently(Pods, "a", "remove", null);
        api.SetSilently(Pods, "a", "new", Pod("a", "new"));
        api.BreakWatches(expired: true);

        await run.WaitForAsync(() => run.Informer.ListCount == 2 && run.Events.Count == 3);
        var byName = run.Events.ToDictionary(e => (string)e.New["metadata"]!["name"]!, e => e.Type);
        Assert.Equal(InformerEventType.Updated, byName["change"]);
        Assert.Equal(InformerEventType.Deleted, byName["remove"]);
        Assert.Equal(InformerEventType.Added, byName["new"]);
        Assert.False(byName.ContainsKey("keep"));
        Assert.Equal("Running", (string?)run.Informer.Get("a", "change")!["status"]!["phase"]);
        Assert.Equal(3, run.Informer.List().Count);
    }

    [Fact]
    public async Task AWatchThatEndsIsFollowedByARelist()
    {
        var api = new FakeApiClient();
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await run.WaitForAsync(() => api.OpenWatches == 1);
        api.SetSilently(Pods, "a", "p", Pod("a", "p"));
        api.BreakWatches(expired: false);
        await run.WaitForAsync(() => run.Informer.Get("a", "p") is not null);
        Assert.Equal(2, run.Informer.ListCount);
        Assert.Equal(InformerEventType.Added, Assert.Single(run.Events).Type);
    }

    [Fact]
    public async Task OwnerIndexFollowsOwnerReferences()
    {
        var api = new FakeApiClient();
        api.Seed(Pods, Pod("a", "p1", ownerUid: "rs-1"));
        api.Seed(Pods, Pod("a", "p2", ownerUid: "rs-1"));
        api.Seed(Pods, Pod("a", "p3", ownerUid: "rs-2"));
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await run.WaitForAsync(() => api.OpenWatches == 1);
        Assert.Equal(["p1", "p2"], run.Informer.ListOwnedBy("rs-1").Select(p => (string)p["metadata"]!["name"]!).Order());

        // Orphaning p2 (ownerReferences removed) takes it out of the index.
        await api.PatchAsync(Pods, "a", "p2", Api.Client.PatchType.Merge, new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = null } });
        await run.WaitForAsync(() => run.Informer.ListOwnedBy("rs-1").Count == 1);
        await api.DeleteAsync(Pods, "a", "p3");
        await run.WaitForAsync(() => run.Informer.ListOwnedBy("rs-2").Count == 0);
    }

    [Fact]
    public async Task AHandlerThatThrowsDoesNotStopTheInformer()
    {
        var api = new FakeApiClient();
        var informer = new Informer(api, Pods);
        informer.Changed += _ => throw new InvalidOperationException("bug");
        await using var run = new Running(informer);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await api.CreateAsync(Pods, Pod("a", "p1"));
        await run.WaitForAsync(() => informer.Get("a", "p1") is not null);
    }

    [Fact]
    public async Task ListFailuresAreRetried()
    {
        var api = new FakeApiClient();
        api.Seed(Pods, Pod("a", "p1"));
        var failures = 0;
        api.Fault = call => call.Verb == "list" && failures++ < 1 ? new Api.Client.ApiClientException(500, "InternalError", "boom") : null;
        await using var run = new Running(new Informer(api, Pods));
        await run.Informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Single(run.Informer.List());
        Assert.Equal(2, api.Calls.Count(c => c.Verb == "list"));
    }
}
