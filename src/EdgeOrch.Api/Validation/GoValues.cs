using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>
/// Renders values the way Kubernetes' error messages print them (Go's %q and %#v), so that
/// "Invalid value: map[string]string{\"app\":\"web\"}: ..." matches what kubectl users see from a real cluster.
/// Structures Go would print as struct literals we cannot reproduce fall back to compact JSON.
/// </summary>
internal static class GoValues
{
    /// <summary>Go's %q for a string.</summary>
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
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A scalar as Go prints it in field errors: strings quoted, numbers and booleans bare, null as null.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>%#v of a map[string]string: keys sorted, as Go's fmt does.</summary>
    public static string StringMap(JsonObject? map)
    {
        if (map is null)
            return "map[string]string(nil)";
        var entries = map.StringMap().OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{Quote(e.Key)}:{Quote(e.Value)}");
        return "map[string]string{" + string.Join(", ", entries) + "}";
    }

    public static string StringSlice(JsonArray? items)
    {
        if (items is null)
            return "[]string(nil)";
        return "[]string{" + string.Join(", ", items.Select(i => Quote(JsonFields.AsString(i) ?? i?.ToJsonString() ?? ""))) + "}";
    }

    /// <summary>%#v of a metav1.LabelSelector (what apps/v1 prints for an immutable or empty selector).</summary>
    public static string LabelSelector(JsonObject? selector)
    {
        if (selector is null)
            return "null";
        var exprs = selector.Arr("matchExpressions");
        var exprText = exprs is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", exprs.Objects().Select(e =>
                $"v1.LabelSelectorRequirement{{Key:{Quote(e.Str("key") ?? "")}, Operator:{Quote(e.Str("operator") ?? "")}, Values:{StringSlice(e.Arr("values"))}}}")) + "}";
        return $"v1.LabelSelector{{MatchLabels:{StringMap(selector.Obj("matchLabels"))}, MatchExpressions:{exprText}}}";
    }
}
