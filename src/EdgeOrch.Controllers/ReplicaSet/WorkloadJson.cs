using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// Null-tolerant accessors over the JSON objects the workload controllers read (ReplicaSets, Deployments, pods):
/// objects come from the API, any field may be missing, and a controller must never throw on that.
/// </summary>
internal static class WorkloadJson
{
    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? o, string name) => o?[name] as JsonArray;

    public static string? Str(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(this JsonObject? o, string name) => AsLong(o?[name]);

    public static bool? Bool(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static long? AsLong(JsonNode? n)
    {
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var el)) return el;
        if (v.TryGetValue<double>(out var d) && Math.Floor(d) == d) return (long)d;
        return null;
    }

    public static JsonObject Ensure(this JsonObject o, string name)
    {
        if (o[name] is JsonObject existing) return existing;
        var created = new JsonObject();
        o[name] = created;
        return created;
    }

    /// <summary>A number node backed by a JsonElement, like parsed JSON, so any reader may take it as int, long or double.</summary>
    public static JsonValue Number(long value)
    {
        using var doc = JsonDocument.Parse(value.ToString(CultureInfo.InvariantCulture));
        return JsonValue.Create(doc.RootElement.Clone())!;
    }

    public static IEnumerable<JsonObject> Objects(this JsonArray? a)
    {
        if (a is null) yield break;
        foreach (var n in a)
            if (n is JsonObject o)
                yield return o;
    }

    public static JsonObject Meta(this JsonObject o) => o.Ensure("metadata");

    public static string Name(this JsonObject o) => o.Obj("metadata").Str("name") ?? "";

    public static string? Namespace(this JsonObject o) => o.Obj("metadata").Str("namespace");

    public static string Uid(this JsonObject o) => o.Obj("metadata").Str("uid") ?? "";

    public static long Generation(this JsonObject o) => o.Obj("metadata").Int("generation") ?? 0;

    public static bool IsDeleting(this JsonObject o) => o.Obj("metadata").Str("deletionTimestamp") is not null;

    public static JsonObject? Labels(this JsonObject o) => o.Obj("metadata").Obj("labels");

    public static string? Annotation(this JsonObject o, string key) => o.Obj("metadata").Obj("annotations").Str(key);

    public static void SetAnnotation(this JsonObject o, string key, string value) => o.Meta().Ensure("annotations")[key] = value;

    public static DateTimeOffset? CreationTime(this JsonObject o) => ParseTime(o.Obj("metadata").Str("creationTimestamp"));

    public static string Key(this JsonObject o) => o.Namespace() is { Length: > 0 } ns ? $"{ns}/{o.Name()}" : o.Name();

    public static (string? Ns, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>metav1.Time: RFC 3339, seconds precision, UTC.</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;

    /// <summary>True when every label of <paramref name="wanted"/> is present with the same value (labels.Set(...).AsSelector()).</summary>
    public static bool HasAllLabels(JsonObject? wanted, JsonObject? labels)
    {
        if (wanted is null) return true;
        foreach (var (k, v) in wanted)
            if (v is JsonValue value && value.GetValueKind() == JsonValueKind.String && labels.Str(k) != value.GetValue<string>())
                return false;
        return true;
    }
}
