using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Selectors;

/// <summary>
/// A field selector (`metadata.name=x,spec.nodeName!=`): equality and inequality on dotted paths into the object.
/// Kubernetes allows only a few fields per kind; we accept any dotted path, which is a superset users do not notice.
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static readonly FieldSelector Everything = new([]);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The field paths the selector names.</summary>
    public IEnumerable<string> Paths => _terms.Select(t => t.Path);

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var t = raw.Trim();
            var ne = t.IndexOf("!=", StringComparison.Ordinal);
            if (ne > 0)
            {
                terms.Add((t[..ne], false, t[(ne + 2)..]));
                continue;
            }
            var eq = t.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"invalid field selector \"{text}\": \"{t}\" is not of the form field=value or field!=value");
            var value = t[(eq + 1)..];
            if (value.StartsWith('='))
                value = value[1..];
            terms.Add((t[..eq], true, value));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, equal, value) in _terms)
        {
            var actual = Lookup(obj, path);
            if ((actual == value) != equal)
                return false;
        }
        return true;
    }

    /// <summary>The value of field <paramref name="path"/> if the selector pins it with `=`, else null (used to narrow a list by name).</summary>
    public string? EqualityValue(string path) =>
        _terms.Where(t => t.Equal && t.Path == path).Select(t => t.Value).FirstOrDefault();

    private static string Lookup(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = (node as JsonObject)?[segment];
            if (node is null)
                return "";
        }
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
    }
}
