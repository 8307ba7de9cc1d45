using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>Finds the component names a schema refers to ("$ref": "#/components/schemas/NAME"), at any depth.</summary>
internal static class SchemaRefs
{
    public static IEnumerable<string> In(JsonNode? node)
    {
        var found = new List<string>();
        Collect(node, found);
        return found;
    }

    private static void Collect(JsonNode? node, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var r)
                        && r.StartsWith(BuiltinSchemas.RefPrefix, StringComparison.Ordinal))
                        found.Add(r[BuiltinSchemas.RefPrefix.Length..]);
                    else
                        Collect(value, found);
                }
                break;
            case JsonArray arr:
                foreach (var item in arr)
                    Collect(item, found);
                break;
        }
    }
}
