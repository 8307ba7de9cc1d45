using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>Null-tolerant reads over objects held as JSON (shared by the Endpoints and EndpointSlice controllers).</summary>
internal static class Json
{
    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? o, string name) => o?[name] as JsonArray;

    public static string? Str(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A whole number, whatever backs the node (parsed JSON, or an int/long/double set in code).</summary>
    public static long? Int(this JsonObject? o, string name)
    {
        if (o?[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var el)) return el;
        return null;
    }

    public static bool Flag(this JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonObject> Objects(this JsonArray? a) => a?.OfType<JsonObject>() ?? [];

    public static string? Name(JsonObject obj) => obj.Obj("metadata").Str("name");

    public static string? Namespace(JsonObject obj) => obj.Obj("metadata").Str("namespace");

    public static string? Uid(JsonObject obj) => obj.Obj("metadata").Str("uid");

    /// <summary>The labels as a sorted copy (null when none), for writing and comparing.</summary>
    public static SortedDictionary<string, string> Labels(JsonObject obj)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in obj.Obj("metadata").Obj("labels") ?? [])
            if (v is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                result[k] = s.GetValue<string>();
        return result;
    }

    public static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map)
            o[k] = v;
        return o;
    }
}
