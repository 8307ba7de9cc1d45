using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Null-tolerant reads of the object fields printers look at. A missing or mistyped field reads as absent and never
/// throws: a table must render whatever a client managed to store, as kubectl's typed printers render zero values.
/// </summary>
internal static class Fields
{
    public static JsonNode? Get(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }
        return node;
    }

    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        Get(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The string, or "" when absent: Go printers see the zero value of a string field.</summary>
    public static string Text(JsonNode? node, params ReadOnlySpan<string> path) => Str(node, path) ?? "";

    public static long? Long(JsonNode? node, params ReadOnlySpan<string> path) =>
        Get(node, path) is JsonValue v ? AsLong(v) : null;

    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        Get(node, path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    public static JsonObject? Obj(JsonNode? node, params ReadOnlySpan<string> path) => Get(node, path) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, params ReadOnlySpan<string> path) => Get(node, path) as JsonArray;

    /// <summary>The object elements of an array field (non-objects skipped).</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, params ReadOnlySpan<string> path)
    {
        var array = Arr(node, path);
        return array is null ? [] : array.OfType<JsonObject>();
    }

    /// <summary>The string elements of an array field.</summary>
    public static List<string> Strings(JsonNode? node, params ReadOnlySpan<string> path)
    {
        var result = new List<string>();
        if (Arr(node, path) is { } array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    result.Add(v.GetValue<string>());
                }
            }
        }
        return result;
    }

    /// <summary>Number of properties of an object field (0 when absent), e.g. a ConfigMap's data.</summary>
    public static int Count(JsonNode? node, params ReadOnlySpan<string> path) => Get(node, path) switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    /// <summary>An RFC 3339 timestamp field (metav1.Time or MicroTime); null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) => ParseTime(Str(node, path));

    public static DateTimeOffset? ParseTime(string? text) =>
        !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    /// <summary>A JSON number as a whole number, whichever CLR type backs the node (parsed or built in code).</summary>
    public static long? AsLong(JsonValue v)
    {
        if (v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.TryGetValue<decimal>(out var m)) return (long)m;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetDouble(out var ed)) return (long)ed;
        return null;
    }

    public static double? AsDouble(JsonValue v)
    {
        if (v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<decimal>(out var m)) return (double)m;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetDouble(out var ed)) return ed;
        return null;
    }

    /// <summary>The string form of a scalar (what Go's fmt prints for it); null for objects, arrays and null.</summary>
    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        };
    }
}
