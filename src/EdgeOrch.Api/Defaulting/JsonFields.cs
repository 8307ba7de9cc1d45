using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// Small, null-tolerant accessors over <see cref="JsonObject"/>: defaulting and validation walk user input that may be
/// missing or of the wrong JSON type at any level, and must never throw on it.
/// </summary>
internal static class JsonFields
{
    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? o, string name) => o?[name] as JsonArray;

    public static string? Str(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>True when the field is absent, null, or an empty string: Go's zero value for a string field.</summary>
    public static bool IsUnset(this JsonObject o, string name) =>
        o[name] is null || (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);

    public static long? Int(this JsonObject? o, string name) => AsLong(o?[name]);

    public static bool? Bool(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static long? AsLong(JsonNode? n)
    {
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18) return (long)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var el)) return el;
        return null;
    }

    public static string? AsString(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Returns the object at <paramref name="name"/>, creating it (or replacing a non-object) when needed.</summary>
    public static JsonObject Ensure(this JsonObject o, string name)
    {
        if (o[name] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        o[name] = created;
        return created;
    }

    /// <summary>Sets a string field when it is absent or empty (Go's zero value).</summary>
    public static void Default(this JsonObject o, string name, string value)
    {
        if (o.IsUnset(name))
            o[name] = value;
    }

    /// <summary>
    /// A number node backed by a JsonElement, like the nodes of parsed JSON: readers may then take it as int, long or
    /// double alike (a node made from a long refuses GetValue&lt;int&gt;, which would surprise every other component).
    /// </summary>
    public static JsonValue Number(long value)
    {
        using var doc = JsonDocument.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return JsonValue.Create(doc.RootElement.Clone())!;
    }

    /// <summary>Sets a pointer-typed field when it is absent or null; an explicit 0 or false stays.</summary>
    public static void Default(this JsonObject o, string name, long value)
    {
        if (o[name] is null)
            o[name] = Number(value);
    }

    public static void Default(this JsonObject o, string name, bool value)
    {
        if (o[name] is null)
            o[name] = value;
    }

    /// <summary>Sets an int32 field that Go stores without a pointer (0 means unset).</summary>
    public static void DefaultNonZero(this JsonObject o, string name, long value)
    {
        var current = o.Int(name);
        if (o[name] is null || current == 0)
            o[name] = Number(value);
    }

    public static IEnumerable<JsonObject> Objects(this JsonArray? a)
    {
        if (a is null) yield break;
        foreach (var n in a)
            if (n is JsonObject o)
                yield return o;
    }

    public static IEnumerable<(int Index, JsonObject Item)> Indexed(this JsonArray? a)
    {
        if (a is null) yield break;
        for (var i = 0; i < a.Count; i++)
            if (a[i] is JsonObject o)
                yield return (i, o);
    }

    /// <summary>The string entries of a map-shaped object (labels, annotations, data); non-string values are skipped.</summary>
    public static IEnumerable<KeyValuePair<string, string>> StringMap(this JsonObject? o)
    {
        if (o is null) yield break;
        foreach (var (k, v) in o)
            if (AsString(v) is { } s)
                yield return new(k, s);
    }

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
