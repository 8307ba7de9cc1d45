using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Tests.Fakes;

/// <summary>
/// Label and field selector strings as the API server understands them ("app=web,tier!=db", "env in (a,b)", "!canary",
/// "spec.nodeName=n1"), written small for the fake: the production matcher lives in ApiServer, which Controllers must not see.
/// </summary>
public static class FakeSelectors
{
    public static bool MatchesLabels(string? selector, JsonObject? labels)
    {
        if (string.IsNullOrWhiteSpace(selector))
            return true;
        foreach (var requirement in SplitTopLevel(selector))
            if (!MatchesLabelRequirement(requirement.Trim(), labels))
                return false;
        return true;
    }

    /// <summary>Field selectors: "path=value", "path==value", "path!=value"; paths are dotted (metadata.name, status.phase).</summary>
    public static bool MatchesFields(string? selector, JsonObject obj)
    {
        if (string.IsNullOrWhiteSpace(selector))
            return true;
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, op, value) = SplitOperator(raw);
            var actual = Lookup(obj, key) ?? "";
            var equal = actual == value;
            if (op == "!=" ? equal : !equal)
                return false;
        }
        return true;
    }

    private static bool MatchesLabelRequirement(string requirement, JsonObject? labels)
    {
        string? Label(string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        if (requirement.StartsWith('!'))
            return Label(requirement[1..].Trim()) is null;
        var notIn = requirement.IndexOf(" notin ", StringComparison.Ordinal);
        var inAt = requirement.IndexOf(" in ", StringComparison.Ordinal);
        if (notIn > 0 || inAt > 0)
        {
            var at = notIn > 0 ? notIn : inAt;
            var key = requirement[..at].Trim();
            var rest = requirement[(at + (notIn > 0 ? 7 : 4))..].Trim().TrimStart('(').TrimEnd(')');
            var values = rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var actual = Label(key);
            return notIn > 0 ? actual is null || !values.Contains(actual) : actual is not null && values.Contains(actual);
        }
        if (!requirement.Contains('='))
            return Label(requirement) is not null;
        var (k, op, val) = SplitOperator(requirement);
        var current = Label(k);
        return op == "!=" ? current != val : current == val;
    }

    private static (string Key, string Op, string Value) SplitOperator(string s)
    {
        var ne = s.IndexOf("!=", StringComparison.Ordinal);
        if (ne >= 0)
            return (s[..ne].Trim(), "!=", s[(ne + 2)..].Trim());
        var eq = s.IndexOf('=');
        var len = eq + 1 < s.Length && s[eq + 1] == '=' ? 2 : 1;
        return (s[..eq].Trim(), "=", s[(eq + len)..].Trim());
    }

    /// <summary>Splits on commas that are not inside "( )" of an in/notin list.</summary>
    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        if (start < selector.Length)
            yield return selector[start..];
    }

    private static string? Lookup(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
