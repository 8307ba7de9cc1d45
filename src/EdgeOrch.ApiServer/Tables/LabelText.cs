using System.Text;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Label maps and label selectors as Kubernetes prints them: "k1=v1,k2=v2" sorted by key, selector requirements
/// as "app=web,tier in (a,b),!legacy", and "&lt;none&gt;" where the Go printers say so.
/// </summary>
internal static class LabelText
{
    /// <summary>labels.FormatLabels: sorted "k=v" pairs, "&lt;none&gt;" when empty.</summary>
    public static string FormatMap(JsonObject? labels)
    {
        var text = JoinMap(labels);
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>metav1.FormatLabelSelector: the selector string, "&lt;none&gt;" when it selects by nothing.</summary>
    public static string FormatSelector(JsonObject? selector)
    {
        var text = SelectorString(selector);
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>The selector's String() form, "" for an empty or missing selector (Deployment prints it bare).</summary>
    public static string SelectorString(JsonObject? selector)
    {
        if (selector is null)
        {
            return "";
        }
        var requirements = new List<(string Key, string Text)>();
        if (Fields.Obj(selector, "matchLabels") is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add((key, $"{key}={Fields.ScalarText(value) ?? ""}"));
            }
        }
        foreach (var expression in Fields.Objects(selector, "matchExpressions"))
        {
            var key = Fields.Text(expression, "key");
            var values = Fields.Strings(expression, "values");
            values.Sort(StringComparer.Ordinal);
            var text = Fields.Text(expression, "operator") switch
            {
                "In" => $"{key} in ({string.Join(',', values)})",
                "NotIn" => $"{key} notin ({string.Join(',', values)})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => $"{key} {op} ({string.Join(',', values)})",
            };
            requirements.Add((key, text));
        }
        // A parsed selector keeps its requirements sorted by key.
        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    private static string JoinMap(JsonObject? map)
    {
        if (map is null || map.Count == 0)
        {
            return "";
        }
        var builder = new StringBuilder();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }
            builder.Append(key).Append('=').Append(Fields.ScalarText(value) ?? "");
        }
        return builder.ToString();
    }
}
