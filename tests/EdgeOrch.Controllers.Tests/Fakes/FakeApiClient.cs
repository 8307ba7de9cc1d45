using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Controllers.Tests.Fakes;

/// <summary>One recorded call: Verb is get, list, watch, create, update, updateStatus, patch or delete.</summary>
public sealed record FakeCall(string Verb, ResourceType Type, string? Namespace, string? Name, JsonNode? Body, string? Subresource = null);

/// <summary>
/// An in-memory API for controller tests: objects by kind/namespace/name, one resourceVersion counter, uid, creationTimestamp
/// and generation on create, 404 / 409 AlreadyExists / 409 Conflict (stale resourceVersion), selectors, watches fed by
/// channels (with history, so a watch from an older version replays what it missed), merge patches, status subresource,
/// immediate deletes (finalizers ignored). Every call is recorded in <see cref="Calls"/>.
/// </summary>
public sealed class FakeApiClient(TimeProvider? time = null) : IApiClient
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _objects = [];
    private readonly List<(long Rv, string Kind, ApiWatchEvent Event)> _history = [];
    private readonly List<Watcher> _watchers = [];
    private readonly List<FakeCall> _calls = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _rv = 100;
    private long _compactedAt;
    private int _uid;

    private sealed record Watcher(string Kind, string? Namespace, Channel<ApiWatchEvent> Channel);

    /// <summary>Runs before every call; return an exception to make the call fail with it (fault injection).</summary>
    public Func<FakeCall, Exception?>? Fault { get; set; }

    public IReadOnlyList<FakeCall> Calls { get { lock (_lock) return [.. _calls]; } }

    /// <summary>Recorded writes (everything but get, list and watch).</summary>
    public IReadOnlyList<FakeCall> Writes => [.. Calls.Where(c => c.Verb is not ("get" or "list" or "watch"))];

    public long CurrentResourceVersion { get { lock (_lock) return _rv; } }

    public void ClearCalls() { lock (_lock) _calls.Clear(); }

    /// <summary>A stored object (a copy), without recording a call.</summary>
    public JsonObject? Peek(ResourceType type, string? ns, string name)
    {
        lock (_lock)
            return _objects.TryGetValue(Key(type, ns, name), out var o) ? Wire(o) : null;
    }

    /// <summary>All stored objects of one kind (copies), without recording a call.</summary>
    public IReadOnlyList<JsonObject> PeekAll(ResourceType type, string? ns = null)
    {
        lock (_lock)
            return [.. _objects.Where(kv => kv.Key.StartsWith(Prefix(type, ns), StringComparison.Ordinal)).Select(kv => Wire(kv.Value))];
    }

    /// <summary>Creates an object as a test fixture (no call recorded, no fault): the same defaults as CreateAsync.</summary>
    public JsonObject Seed(ResourceType type, JsonObject obj) { lock (_lock) return DoCreate(type, obj); }

    /// <summary>Changes or removes an object without any watch event (obj null removes): the next re-list must notice.</summary>
    public void SetSilently(ResourceType type, string? ns, string name, JsonObject? obj)
    {
        lock (_lock)
        {
            var key = Key(type, ns, name);
            if (obj is null)
            {
                _objects.Remove(key);
                return;
            }
            obj = Wire(obj);
            Meta(obj)["resourceVersion"] = (++_rv).ToString();
            _objects[key] = obj;
        }
    }

    /// <summary>Ends every open watch; with <paramref name="expired"/> each first gets an ERROR 410 and the history is
    /// dropped, so watching from an old version fails and clients must re-list.</summary>
    public void BreakWatches(bool expired = true)
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                if (expired)
                    w.Channel.Writer.TryWrite(Gone());
                w.Channel.Writer.TryComplete();
            }
            _watchers.Clear();
            if (expired)
            {
                _history.Clear();
                _compactedAt = _rv;
            }
        }
    }

    public int OpenWatches { get { lock (_lock) return _watchers.Count; } }

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            RecordAndFault(new("get", type, ns, name, null));
            return Task.FromResult(_objects.TryGetValue(Key(type, ns, name), out var o) ? Wire(o) : null);
        }
    }

    public Task<ObjectList> ListAsync(ResourceType type, string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            RecordAndFault(new("list", type, ns, null, null));
            var items = _objects.Where(kv => kv.Key.StartsWith(Prefix(type, ns), StringComparison.Ordinal))
                .Select(kv => kv.Value)
                .Where(o => FakeSelectors.MatchesLabels(labelSelector, Meta(o)["labels"] as JsonObject) && FakeSelectors.MatchesFields(fieldSelector, o))
                .OrderBy(o => (string?)Meta(o)["namespace"], StringComparer.Ordinal).ThenBy(o => (string?)Meta(o)["name"], StringComparer.Ordinal)
                .Select(o => Wire(o)).ToList();
            return Task.FromResult(new ObjectList(items, _rv.ToString()));
        }
    }

    public async IAsyncEnumerable<ApiWatchEvent> WatchAsync(ResourceType type, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ApiWatchEvent>();
        var kind = Prefix(type, null);
        lock (_lock)
        {
            RecordAndFault(new("watch", type, ns, null, null));
            long.TryParse(resourceVersion, out var from);
            if (from < _compactedAt)
            {
                channel.Writer.TryWrite(Gone());
                channel.Writer.TryComplete();
            }
            else
            {
                foreach (var (rv, k, e) in _history)
                    if (rv > from && k == kind && InNamespace(e.Object, ns))
                        channel.Writer.TryWrite(new(e.Type, Wire(e.Object)));
                _watchers.Add(new(kind, ns, channel));
            }
        }
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
                yield return e;
        }
        finally
        {
            lock (_lock)
                _watchers.RemoveAll(w => w.Channel == channel);
        }
    }

    public Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            RecordAndFault(new("create", type, (string?)Meta(obj)["namespace"], (string?)Meta(obj)["name"], obj.DeepClone()));
            return Task.FromResult(DoCreate(type, obj));
        }
    }

    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Task.FromResult(Replace("update", type, obj, status: false));

    public Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Task.FromResult(Replace("updateStatus", type, obj, status: true));

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch,
        string? subresource = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            RecordAndFault(new("patch", type, ns, name, patch.DeepClone(), subresource));
            var current = Existing(type, ns, name);
            var patched = FakePatches.Apply(current, patchType, patch);
            return Task.FromResult(Store(type, current, patched, subresource == "status", (string?)Meta(patched)["resourceVersion"]));
        }
    }

    public Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        string? preconditionUid = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            RecordAndFault(new("delete", type, ns, name, propagationPolicy is null ? null : JsonValue.Create(propagationPolicy)));
            if (!_objects.TryGetValue(Key(type, ns, name), out var current))
                return Task.FromResult(false);
            if (preconditionUid is not null && (string?)Meta(current)["uid"] != preconditionUid)
                throw new ApiClientException(409, "Conflict", $"Precondition failed: UID in precondition: {preconditionUid}, UID in object meta: {Meta(current)["uid"]}");
            _objects.Remove(Key(type, ns, name));
            var gone = Wire(current);
            Meta(gone)["resourceVersion"] = (++_rv).ToString();
            Publish(type, "DELETED", gone);
            return Task.FromResult(true);
        }
    }

    private JsonObject DoCreate(ResourceType type, JsonObject obj)
    {
        obj = Wire(obj);
        var meta = Meta(obj);
        if (meta["name"] is null && meta["generateName"] is JsonValue gn)
            meta["name"] = (string)gn! + Guid.NewGuid().ToString("N")[..5];
        var name = (string?)meta["name"] ?? throw new ApiClientException(422, "Invalid", "metadata.name: Required value");
        string? ns = null;
        if (type.Namespaced)
            meta["namespace"] = ns = (string?)meta["namespace"] ?? "default";
        else
            meta.Remove("namespace");
        if (_objects.ContainsKey(Key(type, ns, name)))
            throw new ApiClientException(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists");
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        meta["uid"] = $"00000000-0000-0000-0000-{++_uid:D12}";
        meta["creationTimestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        meta["generation"] = 1;
        meta["resourceVersion"] = (++_rv).ToString();
        _objects[Key(type, ns, name)] = obj;
        Publish(type, "ADDED", obj);
        return Wire(obj);
    }

    private JsonObject Replace(string verb, ResourceType type, JsonObject obj, bool status)
    {
        lock (_lock)
        {
            var meta = Meta(obj);
            RecordAndFault(new(verb, type, (string?)meta["namespace"], (string?)meta["name"], obj.DeepClone(), status ? "status" : null));
            var current = Existing(type, (string?)meta["namespace"], (string?)meta["name"] ?? "");
            return Store(type, current, Wire(obj), status, (string?)meta["resourceVersion"]);
        }
    }

    /// <summary>Writes a new version: checks the expected resourceVersion, keeps what the verb may not change (status on
    /// the main resource, everything but status on /status), bumps generation when the spec changed.</summary>
    private JsonObject Store(ResourceType type, JsonObject current, JsonObject next, bool statusOnly, string? expectedRv)
    {
        var curMeta = Meta(current);
        if (!string.IsNullOrEmpty(expectedRv) && expectedRv != (string?)curMeta["resourceVersion"])
            throw new ApiClientException(409, "Conflict",
                $"Operation cannot be fulfilled on {type.GroupResource} \"{curMeta["name"]}\": the object has been modified; please apply your changes to the latest version and try again");
        if (statusOnly)
        {
            var status = next["status"]?.DeepClone();
            next = Wire(current);
            next["status"] = status;
        }
        else if (type.HasStatus)
            next["status"] = current["status"]?.DeepClone();
        var meta = Meta(next);
        foreach (var kept in new[] { "uid", "creationTimestamp", "name", "namespace", "generation" })
            meta[kept] = curMeta[kept]?.DeepClone();
        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        if (!statusOnly && !JsonNode.DeepEquals(WithoutMetaAndStatus(current), WithoutMetaAndStatus(next)))
            meta["generation"] = long.Parse(curMeta["generation"]?.ToJsonString() ?? "0") + 1;
        meta["resourceVersion"] = (++_rv).ToString();
        _objects[Key(type, (string?)meta["namespace"], (string)meta["name"]!)] = next;
        Publish(type, "MODIFIED", next);
        return Wire(next);
    }

    /// <summary>A copy as it would come over the wire: numbers and strings become parsed JSON values, so casts such as
    /// (long?)node work whatever CLR type the writer used.</summary>
    private static JsonObject Wire(JsonObject o) => JsonNode.Parse(o.ToJsonString())!.AsObject();

    private static JsonObject WithoutMetaAndStatus(JsonObject o)
    {
        var copy = Wire(o);
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private JsonObject Existing(ResourceType type, string? ns, string name) =>
        _objects.TryGetValue(Key(type, ns, name), out var o)
            ? o
            : throw new ApiClientException(404, "NotFound", $"{type.GroupResource} \"{name}\" not found");

    private void Publish(ResourceType type, string eventType, JsonObject obj)
    {
        var kind = Prefix(type, null);
        var e = new ApiWatchEvent(eventType, Wire(obj));
        _history.Add((_rv, kind, e));
        foreach (var w in _watchers)
            if (w.Kind == kind && InNamespace(obj, w.Namespace))
                w.Channel.Writer.TryWrite(new(eventType, Wire(obj)));
    }

    private void RecordAndFault(FakeCall call)
    {
        _calls.Add(call);
        if (Fault?.Invoke(call) is { } ex)
            throw ex;
    }

    private static bool InNamespace(JsonObject obj, string? ns) => ns is null || (string?)Meta(obj)["namespace"] == ns;

    private static ApiWatchEvent Gone() => new("ERROR", new JsonObject
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "Expired", ["code"] = 410,
        ["message"] = "too old resource version",
    });

    private static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static string Prefix(ResourceType type, string? ns) => type.NamespacePrefix(ns);

    private static string Key(ResourceType type, string? ns, string name) => type.Namespaced ? type.Key(ns ?? "default", name) : type.Key(null, name);
}
