using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Storage;

/// <summary>
/// Objects of a kind over the revision store: JSON in, JSON out, with metadata.resourceVersion taken from the store's
/// revision on every read (it is never stored, so it cannot disagree with the log).
/// </summary>
public sealed class ObjectStorage
{
    private readonly Action<double>? _writeObserved;

    /// <param name="writeObserved">Told the seconds each write took to commit (store write latency metric).</param>
    public ObjectStorage(IRevisionStore store, Action<double>? writeObserved = null)
    {
        Store = store;
        _writeObserved = writeObserved;
    }

    public IRevisionStore Store { get; }

    public async ValueTask<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken ct)
    {
        var entry = await Store.GetAsync(type.Key(ns, name), ct);
        return entry is null ? null : Decode(entry);
    }

    public static JsonObject Decode(StoreEntry entry)
    {
        var obj = JsonBytes.ParseObject(entry.Value.Span);
        ObjectMeta.Metadata(obj)["resourceVersion"] = entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }

    public static ReadOnlyMemory<byte> Encode(JsonObject obj)
    {
        var meta = ObjectMeta.Metadata(obj);
        var rv = meta["resourceVersion"];
        meta.Remove("resourceVersion");
        try
        {
            return JsonBytes.Serialize(obj);
        }
        finally
        {
            if (rv is not null)
                meta["resourceVersion"] = rv;
        }
    }

    /// <summary>Creates; on success the object carries its new resourceVersion.</summary>
    public async ValueTask<StoreStatus> CreateAsync(ResourceType type, JsonObject obj, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await Store.CreateAsync(type.Key(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj)!), Encode(obj), ct);
        Observe(started);
        if (result.Succeeded)
            SetRevision(obj, result.Entry!.Revision);
        return result.Status;
    }

    /// <summary>Replaces if the stored revision is <paramref name="expectedRevision"/>; on success the object carries its new resourceVersion.</summary>
    public async ValueTask<StoreStatus> UpdateAsync(ResourceType type, JsonObject obj, long expectedRevision, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await Store.UpdateAsync(type.Key(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj)!), Encode(obj), expectedRevision, ct);
        Observe(started);
        if (result.Succeeded)
            SetRevision(obj, result.Entry!.Revision);
        return result.Status;
    }

    public async ValueTask<StoreStatus> DeleteAsync(ResourceType type, string? ns, string name, long expectedRevision, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await Store.DeleteAsync(type.Key(ns, name), expectedRevision, ct);
        Observe(started);
        return result.Status;
    }

    private void Observe(long started) =>
        _writeObserved?.Invoke(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);

    public static long RevisionOf(JsonObject obj) =>
        long.TryParse(ObjectMeta.ResourceVersion(obj), out var rv) ? rv : 0;

    private static void SetRevision(JsonObject obj, long revision) =>
        ObjectMeta.Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
