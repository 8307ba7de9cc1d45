using EdgeOrch.E2E.Tests.Harness;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EdgeOrch.E2E.Tests;

/// <summary>The official C# client (KubernetesClient) against the server: CRUD, watch, paging.</summary>
[Trait("Category", "E2E")]
public sealed class ClientLibraryTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ClientLibraryTests(ServerFixture fixture) => _f = fixture;

    private static V1ConfigMap ConfigMap(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["suite"] = "client" } },
        Data = new Dictionary<string, string> { ["value"] = value },
    };

    [Fact]
    public async Task CreateReadListReplaceDelete()
    {
        var ns = await _f.CreateNamespaceAsync("crud");
        var api = _f.Kubernetes.CoreV1;
        var created = await api.CreateNamespacedConfigMapAsync(ConfigMap("one", "1"), ns);
        Assert.Equal(ns, created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.NotNull(created.Metadata.CreationTimestamp);

        var read = await api.ReadNamespacedConfigMapAsync("one", ns);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("1", read.Data["value"]);

        await api.CreateNamespacedConfigMapAsync(ConfigMap("two", "2"), ns);
        var list = await api.ListNamespacedConfigMapAsync(ns, labelSelector: "suite=client");
        Assert.Equal(["one", "two"], list.Items.Select(i => i.Metadata.Name).OrderBy(n => n));
        Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));

        read.Data["value"] = "1b";
        var replaced = await api.ReplaceNamespacedConfigMapAsync(read, "one", ns);
        Assert.Equal("1b", replaced.Data["value"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(read.Metadata.ResourceVersion),
            $"resourceVersion did not increase: {read.Metadata.ResourceVersion} -> {replaced.Metadata.ResourceVersion}");
        Assert.Equal(created.Metadata.Uid, replaced.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, replaced.Metadata.CreationTimestamp);

        var patched = await api.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"extra":"x"}}""", V1Patch.PatchType.MergePatch), "one", ns);
        Assert.Equal("x", patched.Data["extra"]);

        await api.DeleteNamespacedConfigMapAsync("one", ns);
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => api.ReadNamespacedConfigMapAsync("one", ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.Response.StatusCode);
    }

    [Fact]
    public async Task WatchDeliversAddedModifiedDeletedInOrder()
    {
        var ns = await _f.CreateNamespaceAsync("watch");
        var api = _f.Kubernetes.CoreV1;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<(WatchEventType Type, string Name, string Value, string Rv)>();
        var watching = new TaskCompletionSource();
        var done = new TaskCompletionSource();

        // Watching from a listed resourceVersion makes the test independent of when the watch connects.
        var startRv = (await api.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        var reader = Task.Run(async () =>
        {
            await foreach (var (type, item) in api.WatchListNamespacedConfigMapAsync(
                               ns, resourceVersion: startRv, onError: ex => done.TrySetException(ex), cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add((type, item.Metadata.Name, (item.Data is { } d && d.TryGetValue("value", out var v) ? v : ""), item.Metadata.ResourceVersion));
                    if (type == WatchEventType.Deleted && item.Metadata.Name == "w")
                    {
                        done.TrySetResult();
                    }
                }
            }
        });

        await Task.Delay(200);
        var created = await api.CreateNamespacedConfigMapAsync(ConfigMap("w", "1"), ns);
        created.Data["value"] = "2";
        await api.ReplaceNamespacedConfigMapAsync(created, "w", ns);
        await api.DeleteNamespacedConfigMapAsync("w", ns);

        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        cts.Cancel();
        string Describe() { lock (events) { return string.Join("\n", events); } }
        Assert.True(finished == done.Task, "no DELETED event within 15 s; got:\n" + Describe());
        await done.Task;

        List<(WatchEventType Type, string Name, string Value, string Rv)> seen;
        lock (events)
        {
            seen = events.Where(e => e.Name == "w").ToList();
        }
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.Equal("1", seen[0].Value);
        Assert.Equal("2", seen[1].Value);
        var rvs = seen.Select(e => long.Parse(e.Rv)).ToList();
        Assert.True(rvs[0] < rvs[1] && rvs[1] < rvs[2], "resourceVersions must increase: " + string.Join(",", rvs));
        try { await reader; } catch (OperationCanceledException) { }
    }

    [Fact]
    public async Task WatchFromAResourceVersionReplaysLaterChanges()
    {
        var ns = await _f.CreateNamespaceAsync("replay");
        var api = _f.Kubernetes.CoreV1;
        var list = await api.ListNamespacedConfigMapAsync(ns);
        await api.CreateNamespacedConfigMapAsync(ConfigMap("a", "1"), ns);
        await api.CreateNamespacedConfigMapAsync(ConfigMap("b", "1"), ns);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var names = new List<string>();
        try
        {
            await foreach (var (type, item) in api.WatchListNamespacedConfigMapAsync(
                               ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                if (item.Metadata.Name == "kube-root-ca.crt")
                {
                    continue; // published into new namespaces by the root-CA controller, at its own pace
                }
                Assert.Equal(WatchEventType.Added, type);
                names.Add(item.Metadata.Name);
                if (names.Count == 2)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public async Task LabelSelectedWatchSeesObjectsEnterAndLeaveTheSelection()
    {
        // Kubernetes reports an object that stops matching a watch's selector as DELETED, and one that starts
        // matching as ADDED, so that a selector-filtered cache stays right.
        var ns = await _f.CreateNamespaceAsync("selwatch");
        var api = _f.Kubernetes.CoreV1;
        var startRv = (await api.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        var enough = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var (type, item) in api.WatchListNamespacedConfigMapAsync(
                               ns, labelSelector: "tier=web", resourceVersion: startRv, cancellationToken: cts.Token))
            {
                lock (seen)
                {
                    seen.Add($"{type} {item.Metadata.Name}");
                    if (seen.Count == 4)
                    {
                        enough.TrySetResult();
                    }
                }
            }
        });

        var labels = new Dictionary<string, string> { ["tier"] = "web" };
        await _f.CreateConfigMapAsync(ns, "moving", labels: labels);
        await _f.CreateConfigMapAsync(ns, "other", labels: new Dictionary<string, string> { ["tier"] = "db" });
        await api.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"tier":"db"}}}""", V1Patch.PatchType.MergePatch), "moving", ns);
        await api.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"tier":"web"}}}""", V1Patch.PatchType.MergePatch), "moving", ns);
        await api.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "moving", ns);

        var finished = await Task.WhenAny(enough.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        await Task.Delay(300); // anything extra (e.g. "other") would show up now
        cts.Cancel();
        try { await reader; } catch (OperationCanceledException) { }
        List<string> events;
        lock (seen)
        {
            events = seen.ToList();
        }
        Assert.True(finished == enough.Task, "too few events: " + string.Join(", ", events));
        Assert.Equal(["Added moving", "Deleted moving", "Added moving", "Modified moving"], events);
    }

    [Fact]
    public async Task WatchResponseHeadersArriveBeforeAnyEvent()
    {
        // Kubernetes answers a watch with 200 and its headers at once; client-go's Watch() (kubectl wait, informers)
        // blocks until the headers arrive, so a quiet namespace must not leave the request hanging.
        var ns = await _f.CreateNamespaceAsync("quiet");
        using var http = _f.CreateHttpClient(withToken: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var started = DateTime.UtcNow;
        try
        {
            // A selector nothing matches keeps the stream quiet even when controllers add objects to the namespace.
            using var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=never%3Dmatches",
                HttpCompletionOption.ResponseHeadersRead, cts.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no response headers for an idle watch after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        }
    }

    [Fact]
    public async Task ConcurrentReadModifyWriteLosesNoUpdate()
    {
        // Optimistic concurrency under contention: every replace carries the resourceVersion it read, losers get
        // 409 and retry, so 8 writers x 15 increments must end at exactly 120.
        var ns = await _f.CreateNamespaceAsync("counter");
        var api = _f.Kubernetes.CoreV1;
        await api.CreateNamespacedConfigMapAsync(ConfigMap("counter", "0"), ns);
        var conflicts = 0;
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < 15;)
            {
                var cm = await api.ReadNamespacedConfigMapAsync("counter", ns);
                cm.Data["value"] = (int.Parse(cm.Data["value"]) + 1).ToString();
                try
                {
                    await api.ReplaceNamespacedConfigMapAsync(cm, "counter", ns);
                    done++;
                }
                catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("120", (await api.ReadNamespacedConfigMapAsync("counter", ns)).Data["value"]);
    }

    [Fact]
    public async Task ListPagesWithLimitAndContinue()
    {
        var ns = await _f.CreateNamespaceAsync("page");
        var api = _f.Kubernetes.CoreV1;
        for (var i = 0; i < 25; i++)
        {
            await api.CreateNamespacedConfigMapAsync(ConfigMap($"cm-{i:D2}", i.ToString()), ns);
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        string? firstPageRv = null;
        do
        {
            var page = await api.ListNamespacedConfigMapAsync(ns, limit: 10, continueParameter: token);
            pages++;
            Assert.True(page.Items.Count <= 10, $"page {pages} has {page.Items.Count} items");
            names.AddRange(page.Items.Select(i => i.Metadata.Name).Where(n => n.StartsWith("cm-"))); // not kube-root-ca.crt
            firstPageRv ??= page.Metadata.ResourceVersion;
            token = page.Metadata.ContinueProperty;
            if (!string.IsNullOrEmpty(token))
            {
                Assert.True(page.Metadata.RemainingItemCount is null or > 0, "remainingItemCount must be positive when present");
            }
            Assert.True(pages <= 5, "paging does not terminate");
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(3, pages); // 25 (or 26 with kube-root-ca.crt) in pages of 10
        Assert.Equal(25, names.Count);
        Assert.Equal(25, names.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"cm-{i:D2}"), names); // Kubernetes lists in key order
    }
}
