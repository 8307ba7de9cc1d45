using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// How values look to the schema code: their OpenAPI type, numbers as long/double, and how Kubernetes prints them in
/// field errors (Go's %v for numbers and booleans, %q for strings), so messages read exactly like the apiextensions server's.
/// </summary>
internal static class CustomResourceSchemaValues
{
    /// <summary>The OpenAPI type name of a value as kube-openapi reports it: object, array, string, boolean, integer, number, null.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsLong(v) ? "integer" : "number",
            JsonValueKind.Null => "null",
            _ => "object",
        },
        _ => "object",
    };

    /// <summary>A JSON number that is a whole number (1 and 1.0 both are; Go's decoder treats 1.0 as a valid integer too).</summary>
    public static bool IsWholeNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && (IsLong(v) || (TryNumber(v, out var d) && Math.Floor(d) == d && !double.IsInfinity(d)));

    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return false;
        if (v.TryGetValue<double>(out value))
            return true;
        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }
        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>The value as field.Error prints it after "Invalid value: ".</summary>
    public static string Render(JsonNode? node) => node switch
    {
        null => "\"null\"",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => Quote(v.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => RenderNumber(v),
            _ => "\"null\"",
        },
        // Go prints maps and slices with %#v; JSON is the readable stand-in for those rare cases.
        _ => node.ToJsonString(),
    };

    /// <summary>A number the way Go's %v prints an int64 or float64 (1, 1.5, 1e+21).</summary>
    public static string RenderNumber(JsonNode? node)
    {
        if (node is JsonValue v && IsLong(v) && v.TryGetValue<long>(out var l))
            return l.ToString(CultureInfo.InvariantCulture);
        return TryNumber(node, out var d) ? FormatDouble(d) : node?.ToJsonString() ?? "";
    }

    /// <summary>Go's %v (strconv 'g', shortest) of a float64: whole numbers print without a fraction.</summary>
    public static string FormatDouble(double d)
    {
        if (Math.Floor(d) == d && Math.Abs(d) < 1e21)
            return d.ToString("0", CultureInfo.InvariantCulture);
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Replace("E", "e", StringComparison.Ordinal);
    }

    /// <summary>Go's %q / strconv.Quote for the characters that matter in practice.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Length in Unicode code points, as go-openapi counts minLength/maxLength.</summary>
    public static int RuneCount(string s)
    {
        var n = 0;
        foreach (var c in s)
            if (!char.IsLowSurrogate(c))
                n++;
        return n;
    }

    private static bool IsLong(JsonValue v)
    {
        if (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _))
            return true;
        // Element-backed values only answer long when the text has no fraction or exponent.
        if (v.TryGetValue<JsonElement>(out var e))
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _);
        return false;
    }
}
