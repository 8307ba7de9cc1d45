using System.Text.Json.Nodes;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Small helpers for asserting on kubectl's -o json output.</summary>
public static class Json
{
    public static JsonObject ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidOperationException("Not a JSON object:\n" + text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"Not valid JSON ({ex.Message}):\n{text}", ex);
        }
    }

    /// <summary>Follows a dotted path with [n] indexes, e.g. "spec.template.spec.containers[0].image".</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var indexes = new List<int>();
            var bracket = name.IndexOf('[');
            if (bracket >= 0)
            {
                foreach (var idx in name[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
                {
                    indexes.Add(int.Parse(idx.TrimEnd(']')));
                }
                name = name[..bracket];
            }
            if (name.Length > 0)
            {
                node = (node as JsonObject)?[name];
            }
            foreach (var i in indexes)
            {
                node = node is JsonArray arr && i < arr.Count ? arr[i] : null;
            }
        }
        return node;
    }

    public static string? Str(JsonNode? node, string path) => At(node, path) is JsonValue v ? v.ToString() : null;

    /// <summary>Asserts a scalar at the path, showing the whole object when it differs.</summary>
    public static void AssertValue(JsonNode root, string path, string expected)
    {
        var actual = At(root, path);
        Assert.True(actual is JsonValue && actual.ToString() == expected,
            $"Expected {path} = {expected}, got {(actual is null ? "<missing>" : actual.ToJsonString())} in:\n{root.ToJsonString()}");
    }
}
