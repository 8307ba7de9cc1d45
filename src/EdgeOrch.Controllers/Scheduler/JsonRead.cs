using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Quantities;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// Null-tolerant reads over objects from the informer caches (the Api project's own accessors are internal to it).
/// Objects arrive validated, but a missing or oddly typed field must never crash a reconcile.
/// </summary>
internal static class JsonRead
{
    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? o, string name) => o?[name] as JsonArray;

    public static string? Str(this JsonObject? o, string name) => AsString(o?[name]);

    public static long? Long(this JsonObject? o, string name) => AsLong(o?[name]);

    public static bool Bool(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonObject> Objects(this JsonArray? a) => a?.OfType<JsonObject>() ?? [];

    public static IEnumerable<KeyValuePair<string, string>> StringMap(this JsonObject? o)
    {
        if (o is null) yield break;
        foreach (var (key, value) in o)
            if (AsString(value) is { } s)
                yield return new(key, s);
    }

    public static string? AsString(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? AsLong(JsonNode? n)
    {
        if (n is not JsonValue v) return null;
        return v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when v.TryGetValue<double>(out var d) => (long)d,
            JsonValueKind.String when long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        };
    }

    /// <summary>A resource quantity written as a string ("500m") or a bare number.</summary>
    public static Quantity? AsQuantity(JsonNode? n)
    {
        var text = AsString(n) ?? (n is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.ToJsonString() : null);
        return Quantity.TryParse(text, out var q) ? q : null;
    }

    public static string Name(JsonObject o) => o.Obj("metadata").Str("name") ?? "";

    public static string? Namespace(JsonObject o) => o.Obj("metadata").Str("namespace");

    public static string? Uid(JsonObject o) => o.Obj("metadata").Str("uid");

    public static JsonObject? Labels(JsonObject o) => o.Obj("metadata").Obj("labels");

    public static bool IsDeleting(JsonObject o) => o.Obj("metadata")?["deletionTimestamp"] is not null;

    /// <summary>"namespace/name", or "name" for cluster-scoped objects: the work-queue key.</summary>
    public static string Key(JsonObject o) => Namespace(o) is { Length: > 0 } ns ? $"{ns}/{Name(o)}" : Name(o);

    public static (string? Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;
}
