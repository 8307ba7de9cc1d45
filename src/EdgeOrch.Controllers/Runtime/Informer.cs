using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// A cache of every object of one kind (all namespaces), kept current by list-then-watch (re-list on 410), shared by all
/// controllers. Reads never call the API. Handlers run on the informer's loop: they must only enqueue keys, never block.
/// A metadata-only informer (<see cref="MetadataOnly"/>, from <see cref="InformerFactory.ForMetadata"/>) caches and raises
/// only <see cref="MetadataProjection"/>s of the objects, for controllers that read nothing but metadata (the garbage
/// collector follows every kind: full copies of every ConfigMap and Secret would double the server's memory).
/// </summary>
public sealed class Informer
{
    private static readonly TimeSpan MinRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly InformerCache _cache = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _log;
    private int _running;
    private int _applying;
    private string _lastResourceVersion = "";

    public Informer(IApiClient client, ResourceType type)
        : this(client, type, null)
    {
    }

    public Informer(IApiClient client, ResourceType type, ILogger? logger)
        : this(client, type, logger, metadataOnly: false)
    {
    }

    public Informer(IApiClient client, ResourceType type, ILogger? logger, bool metadataOnly)
    {
        Client = client;
        Type = type;
        MetadataOnly = metadataOnly;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>True when the cache (and the events) hold only apiVersion, kind and metadata (without managedFields).</summary>
    public bool MetadataOnly { get; }

    public IApiClient Client { get; }

    public ResourceType Type { get; }

    /// <summary>Completes once the first list has filled the cache.</summary>
    public Task Synced => _synced.Task;

    /// <summary>The resourceVersion of the last list or watch event applied (tests wait on it to know the cache caught up).</summary>
    public string LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    /// <summary>True while a list or watch event is being applied and its handlers run (tests use it to know all is quiet).</summary>
    internal bool IsApplying => Volatile.Read(ref _applying) > 0;

    /// <summary>Number of lists done so far (the first one plus every re-list).</summary>
    public int ListCount { get; private set; }

    /// <summary>Called for every change after the initial sync, and for every object of the initial list (as Added).</summary>
    public event Action<InformerEvent>? Changed;

    public JsonObject? Get(string? ns, string name) => _cache.Get(InformerCache.KeyOf(Type.Namespaced ? ns : null, name));

    /// <summary>The cached object for a work-queue key ("namespace/name" or "name").</summary>
    public JsonObject? GetByKey(string key) => _cache.Get(key);

    /// <summary>Cached objects (of one namespace, or all when null). Callers must not modify them: DeepClone before editing.</summary>
    public IReadOnlyList<JsonObject> List(string? ns = null) => _cache.List(ns);

    /// <summary>Cached objects whose ownerReferences include <paramref name="ownerUid"/> (indexed).</summary>
    public IReadOnlyList<JsonObject> ListOwnedBy(string ownerUid) => _cache.OwnedBy(ownerUid);

    /// <summary>Lists, then watches from the list's version; re-lists (and raises the difference) when the watch ends or
    /// the version expired. Runs until cancelled; API failures are retried with back-off.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
            throw new InvalidOperationException($"informer for {Type.GroupResource} is already running");
        var retry = MinRetry;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var rv = await ListAndReplaceAsync(cancellationToken).ConfigureAwait(false);
                    var started = Environment.TickCount64;
                    var expired = await WatchAsync(rv, cancellationToken).ConfigureAwait(false);
                    // A watch the server ends at once (shutting down, overloaded) must not turn into a tight list loop;
                    // an expired version (410) is re-listed straight away.
                    if (!expired && Environment.TickCount64 - started < 1000)
                    {
                        await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                        retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
                    }
                    else
                    {
                        retry = MinRetry;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    _log.LogWarning(ex, "informer {Resource}: list/watch failed, retrying in {Delay}", Type.GroupResource, retry);
                    await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    internal void Raise(InformerEvent e)
    {
        try
        {
            Changed?.Invoke(e);
        }
        catch (Exception ex)
        {
            // A handler bug must not stop the cache from following the API.
            _log.LogError(ex, "informer {Resource}: event handler failed", Type.GroupResource);
        }
    }

    private async Task<string> ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        var list = await Client.ListAsync(Type, null, cancellationToken: cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _applying);
        try
        {
            var events = _cache.Replace(MetadataOnly ? [.. list.Items.Select(MetadataProjection.Of)] : list.Items);
            ListCount++;
            foreach (var e in events)
                Raise(e);
            Volatile.Write(ref _lastResourceVersion, list.ResourceVersion);
        }
        finally
        {
            Interlocked.Decrement(ref _applying);
        }
        _synced.TrySetResult();
        return list.ResourceVersion;
    }

    /// <summary>Applies watch events until the watch ends (normally or with an ERROR); the caller then re-lists.
    /// True when it ended because the version expired (410).</summary>
    private async Task<bool> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        await foreach (var e in Client.WatchAsync(Type, null, resourceVersion, cancellationToken).ConfigureAwait(false))
        {
            var rv = (string?)e.Object["metadata"]?["resourceVersion"];
            switch (e.Type)
            {
                case "ADDED" or "MODIFIED" or "DELETED":
                    Apply(e);
                    break;
                case "BOOKMARK":
                    break;
                case "ERROR":
                    var code = (int?)e.Object["code"];
                    if (code == 410)
                        _log.LogDebug("informer {Resource}: watch version expired, re-listing", Type.GroupResource);
                    else
                        _log.LogWarning("informer {Resource}: watch error {Code}: {Message}", Type.GroupResource, code, (string?)e.Object["message"]);
                    return code == 410;
                default:
                    continue;
            }
            if (!string.IsNullOrEmpty(rv))
                Volatile.Write(ref _lastResourceVersion, rv);
        }
        return false;
    }

    private void Apply(ApiWatchEvent e)
    {
        Interlocked.Increment(ref _applying);
        try
        {
            var obj = MetadataOnly ? MetadataProjection.Of(e.Object) : e.Object;
            Raise(e.Type == "DELETED" ? _cache.Remove(obj) : _cache.Upsert(obj));
        }
        finally
        {
            Interlocked.Decrement(ref _applying);
        }
    }
}

public enum InformerEventType
{
    Added,
    Updated,
    Deleted,
}

/// <summary>A change seen by an informer: Old is null for Added, New is the last state for Deleted.</summary>
public sealed record InformerEvent(InformerEventType Type, JsonObject? Old, JsonObject New);
