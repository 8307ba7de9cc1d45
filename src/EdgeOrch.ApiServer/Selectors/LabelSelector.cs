namespace EdgeOrch.ApiServer.Selectors;

/// <summary>
/// A label selector in Kubernetes' string syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas.
/// An empty selector matches everything.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static readonly LabelSelector Everything = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var r in _requirements)
            if (!r.Matches(labels))
                return false;
        return true;
    }

    /// <summary>Parses the `labelSelector` query parameter; throws FormatException with a readable message.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        var requirements = new List<Requirement>();
        foreach (var term in SplitTopLevel(text))
        {
            var t = term.Trim();
            if (t.Length == 0)
                throw new FormatException($"invalid label selector \"{text}\": empty term");
            requirements.Add(ParseTerm(t, text));
        }
        return new LabelSelector(requirements);
    }

    private static Requirement ParseTerm(string t, string whole)
    {
        if (t.StartsWith('!'))
            return new Requirement(CheckKey(t[1..].Trim(), whole), Op.DoesNotExist, []);
        var inAt = IndexOfWord(t, " notin ");
        if (inAt > 0)
            return new Requirement(CheckKey(t[..inAt].Trim(), whole), Op.NotIn, ParseSet(t[(inAt + 7)..], whole));
        inAt = IndexOfWord(t, " in ");
        if (inAt > 0)
            return new Requirement(CheckKey(t[..inAt].Trim(), whole), Op.In, ParseSet(t[(inAt + 4)..], whole));
        var ne = t.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0)
            return new Requirement(CheckKey(t[..ne].Trim(), whole), Op.NotIn, [t[(ne + 2)..].Trim()]);
        var eq = t.IndexOf('=');
        if (eq > 0)
        {
            var value = t[(eq + 1)..];
            if (value.StartsWith('='))
                value = value[1..];
            return new Requirement(CheckKey(t[..eq].Trim(), whole), Op.In, [value.Trim()]);
        }
        return new Requirement(CheckKey(t, whole), Op.Exists, []);
    }

    private static string CheckKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
            throw new FormatException($"unable to parse requirement: invalid label key \"{key}\" in selector \"{whole}\"");
        return key;
    }

    private static int IndexOfWord(string t, string word) => t.IndexOf(word, StringComparison.Ordinal);

    private static string[] ParseSet(string rest, string whole)
    {
        rest = rest.Trim();
        if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            throw new FormatException($"unable to parse requirement: expected a set in parentheses in selector \"{whole}\"");
        return rest[1..^1].Split(',').Select(v => v.Trim()).ToArray();
    }

    // Commas separate terms except inside the parentheses of a set.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private enum Op { In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Op Op, string[] Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Op.Exists => has,
                Op.DoesNotExist => !has,
                Op.In => has && Values.Contains(value),
                Op.NotIn => !has || !Values.Contains(value),
                _ => false,
            };
        }
    }
}
