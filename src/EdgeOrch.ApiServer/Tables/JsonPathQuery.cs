using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// The JSONPath subset CRD printer columns use: ".spec.replicas", ".metadata.labels['app.kubernetes.io/name']",
/// ".status.conditions[?(@.type=="Ready")].status", "[0]", "[-1]", "[*]", ".*", "[1:3]" and "..name".
/// Missing keys give no result rather than an error, as the API server evaluates columns with missing keys allowed.
/// </summary>
internal sealed class JsonPathQuery
{
    private abstract record Step;
    private sealed record Field(string Name) : Step;
    private sealed record Wildcard : Step;
    private sealed record Descendants : Step;
    private sealed record Index(int Value) : Step;
    private sealed record Slice(int? Start, int? End) : Step;
    private sealed record Filter(JsonPathQuery Left, string? Op, string? Literal) : Step
    {
        public bool Matches(JsonNode element)
        {
            var values = Left.Evaluate(element);
            return Op is null ? values.Count > 0 : values.Any(v => Compare(v, Op, Literal!));
        }
    }

    private readonly List<Step> _steps;

    private JsonPathQuery(List<Step> steps) => _steps = steps;

    public static bool TryParse(string? path, out JsonPathQuery? query)
    {
        query = null;
        if (path is null)
        {
            return false;
        }
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }
        if (text.StartsWith('$') || text.StartsWith('@'))
        {
            text = text[1..];
        }
        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                if (i + 1 < text.Length && text[i + 1] == '.')
                {
                    steps.Add(new Descendants());
                    i += 2;
                    if (i < text.Length && text[i] == '[')
                    {
                        continue;
                    }
                }
                else
                {
                    i++;
                }
                if (i < text.Length && text[i] == '*')
                {
                    steps.Add(new Wildcard());
                    i++;
                    continue;
                }
                if (i < text.Length && text[i] == '[')
                {
                    continue;
                }
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                if (i == start)
                {
                    return false;
                }
                steps.Add(new Field(text[start..i]));
            }
            else if (text[i] == '[')
            {
                var end = ClosingBracket(text, i);
                if (end < 0 || !TryParseBracket(text[(i + 1)..end].Trim(), out var step))
                {
                    return false;
                }
                steps.Add(step!);
                i = end + 1;
            }
            else
            {
                // Be lenient about a missing leading dot ("spec.replicas").
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                steps.Add(new Field(text[start..i]));
            }
        }
        query = new JsonPathQuery(steps);
        return true;
    }

    /// <summary>All values the path selects, in document order; JSON nulls are skipped.</summary>
    public List<JsonNode> Evaluate(JsonNode? root)
    {
        var current = new List<JsonNode>();
        if (root is not null)
        {
            current.Add(root);
        }
        foreach (var step in _steps)
        {
            var next = new List<JsonNode>();
            foreach (var node in current)
            {
                Apply(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void Apply(Step step, JsonNode node, List<JsonNode> output)
    {
        switch (step)
        {
            case Field f:
                if (node is JsonObject obj && obj.TryGetPropertyValue(f.Name, out var value) && value is not null)
                {
                    output.Add(value);
                }
                break;
            case Wildcard:
                AddChildren(node, output);
                break;
            case Descendants:
                AddSelfAndDescendants(node, output);
                break;
            case Index ix when node is JsonArray array:
                var at = ix.Value < 0 ? array.Count + ix.Value : ix.Value;
                if (at >= 0 && at < array.Count && array[at] is { } element)
                {
                    output.Add(element);
                }
                break;
            case Slice s when node is JsonArray array:
                var from = Clamp(s.Start ?? 0, array.Count);
                var to = Clamp(s.End ?? array.Count, array.Count);
                for (var k = from; k < to; k++)
                {
                    if (array[k] is { } item)
                    {
                        output.Add(item);
                    }
                }
                break;
            case Filter filter:
                var candidates = node is JsonArray list ? list.Where(n => n is not null).Select(n => n!) : [node];
                output.AddRange(candidates.Where(filter.Matches));
                break;
        }
    }

    private static int Clamp(int index, int count)
    {
        if (index < 0)
        {
            index += count;
        }
        return Math.Clamp(index, 0, count);
    }

    private static void AddChildren(JsonNode node, List<JsonNode> output)
    {
        if (node is JsonObject obj)
        {
            output.AddRange(obj.Select(p => p.Value).OfType<JsonNode>());
        }
        else if (node is JsonArray array)
        {
            output.AddRange(array.OfType<JsonNode>());
        }
    }

    private static void AddSelfAndDescendants(JsonNode node, List<JsonNode> output)
    {
        output.Add(node);
        var children = new List<JsonNode>();
        AddChildren(node, children);
        foreach (var child in children)
        {
            AddSelfAndDescendants(child, output);
        }
    }

    private static bool TryParseBracket(string content, out Step? step)
    {
        step = null;
        if (content == "*")
        {
            step = new Wildcard();
        }
        else if (content.StartsWith("?(", StringComparison.Ordinal) && content.EndsWith(')'))
        {
            step = ParseFilter(content[2..^1].Trim());
        }
        else if (content.Length >= 2 && content[0] is '\'' or '"' && content[^1] == content[0])
        {
            step = new Field(content[1..^1]);
        }
        else if (content.Contains(':'))
        {
            var parts = content.Split(':');
            if (!TryInt(parts[0], out var start) || !TryInt(parts[1], out var end))
            {
                return false;
            }
            step = new Slice(start, end);
        }
        else if (int.TryParse(content, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            step = new Index(index);
        }
        return step is not null;
    }

    private static bool TryInt(string text, out int? value)
    {
        value = null;
        if (text.Trim().Length == 0)
        {
            return true;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }
        return false;
    }

    private static Filter? ParseFilter(string expression)
    {
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            var at = IndexOutsideQuotes(expression, op);
            if (at < 0)
            {
                continue;
            }
            var left = expression[..at].Trim();
            var right = expression[(at + op.Length)..].Trim();
            if (right.Length >= 2 && right[0] is '\'' or '"' && right[^1] == right[0])
            {
                right = right[1..^1];
            }
            return TryParse(left, out var leftQuery) ? new Filter(leftQuery!, op, right) : null;
        }
        // "[?(@.ready)]": the element has the field.
        return TryParse(expression, out var exists) ? new Filter(exists!, null, null) : null;
    }

    private static int IndexOutsideQuotes(string text, string token)
    {
        char quote = '\0';
        for (var i = 0; i <= text.Length - token.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                continue;
            }
            if (string.CompareOrdinal(text, i, token, 0, token.Length) == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Index of the ']' closing the bracket at <paramref name="open"/>, skipping quoted text and nested brackets.</summary>
    private static int ClosingBracket(string text, int open)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '[') depth++;
            else if (c == ']' && --depth == 0) return i;
        }
        return -1;
    }

    private static bool Compare(JsonNode value, string op, string literal)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && Fields.AsDouble(v) is { } actual)
        {
            return op switch
            {
                "==" => actual == number,
                "!=" => actual != number,
                "<" => actual < number,
                ">" => actual > number,
                "<=" => actual <= number,
                ">=" => actual >= number,
                _ => false,
            };
        }
        var text = Fields.ScalarText(value);
        if (text is null)
        {
            return false;
        }
        var order = string.CompareOrdinal(text, literal);
        return op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            ">=" => order >= 0,
            _ => false,
        };
    }
}
