using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// The thread-safe store behind an <see cref="Informer"/>: objects by key ("namespace/name" or "name") with indexes by
/// namespace and by owner uid. Writers (the informer loop) return the events their change implies.
/// </summary>
internal sealed class InformerCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byOwner = new(StringComparer.Ordinal);

    public static string KeyOf(string? ns, string name) => ObjectKeys.Of(ns, name);

    public static string KeyOf(JsonObject obj) => ObjectKeys.Of(obj);

    public JsonObject? Get(string key)
    {
        lock (_lock)
            return _items.GetValueOrDefault(key);
    }

    public IReadOnlyList<JsonObject> List(string? ns)
    {
        lock (_lock)
        {
            if (ns is null)
                return [.. _items.Values];
            return _byNamespace.TryGetValue(ns, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    public IReadOnlyList<JsonObject> OwnedBy(string uid)
    {
        lock (_lock)
            return _byOwner.TryGetValue(uid, out var keys) ? [.. keys.Select(k => _items[k])] : [];
    }

    public InformerEvent Upsert(JsonObject obj)
    {
        var key = KeyOf(obj);
        lock (_lock)
        {
            var old = RemoveLocked(key);
            AddLocked(key, obj);
            return old is null ? new(InformerEventType.Added, null, obj) : new(InformerEventType.Updated, old, obj);
        }
    }

    public InformerEvent Remove(JsonObject obj)
    {
        lock (_lock)
            RemoveLocked(KeyOf(obj));
        return new(InformerEventType.Deleted, null, obj);
    }

    /// <summary>Replaces the whole content with a fresh list; the events say what changed (unchanged resourceVersions are
    /// skipped; objects missing from the list are Deleted with their last known state).</summary>
    public List<InformerEvent> Replace(IReadOnlyList<JsonObject> items)
    {
        var events = new List<InformerEvent>();
        lock (_lock)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var obj in items)
            {
                var key = KeyOf(obj);
                seen.Add(key);
                var old = _items.GetValueOrDefault(key);
                if (old is not null && (string?)old["metadata"]?["resourceVersion"] == (string?)obj["metadata"]?["resourceVersion"])
                    continue;
                RemoveLocked(key);
                AddLocked(key, obj);
                events.Add(old is null ? new(InformerEventType.Added, null, obj) : new(InformerEventType.Updated, old, obj));
            }
            foreach (var key in _items.Keys.Where(k => !seen.Contains(k)).ToList())
                events.Add(new(InformerEventType.Deleted, null, RemoveLocked(key)!));
        }
        return events;
    }

    private void AddLocked(string key, JsonObject obj)
    {
        _items[key] = obj;
        Index(_byNamespace, (string?)obj["metadata"]?["namespace"] ?? "", key);
        foreach (var uid in OwnerUids(obj))
            Index(_byOwner, uid, key);
    }

    private JsonObject? RemoveLocked(string key)
    {
        if (!_items.Remove(key, out var old))
            return null;
        Unindex(_byNamespace, (string?)old["metadata"]?["namespace"] ?? "", key);
        foreach (var uid in OwnerUids(old))
            Unindex(_byOwner, uid, key);
        return old;
    }

    private static IEnumerable<string> OwnerUids(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs)
            yield break;
        foreach (var r in refs)
            if ((string?)r?["uid"] is { Length: > 0 } uid)
                yield return uid;
    }

    private static void Index(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (!index.TryGetValue(value, out var keys))
            index[value] = keys = new HashSet<string>(StringComparer.Ordinal);
        keys.Add(key);
    }

    private static void Unindex(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
            index.Remove(value);
    }
}
