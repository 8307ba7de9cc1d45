using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Rejects apply configurations whose associative lists cannot be merged: an item without its key fields, or two items
/// with the same key. Kubernetes refuses these too, rather than guessing which item was meant.
/// </summary>
internal static class ApplyConfigValidator
{
    public static void Validate(JsonObject config, FieldSchema schema) => Visit(config, [], "", schema);

    private static void Visit(JsonNode? node, string[] path, string schemaPath, FieldSchema schema)
    {
        switch (node)
        {
            case JsonObject obj when !schema.IsAtomicObject(schemaPath):
                foreach (var (k, v) in obj)
                {
                    Visit(v, FieldPath.Append(path, FieldPath.Field(k)), FieldSchema.Child(schemaPath, k), schema);
                }
                break;
            case JsonArray arr when schema.ListAt(schemaPath) is { Kind: not ListKind.Atomic } list:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < arr.Count; i++)
                {
                    string? element = ObjectFields.ItemElement(arr[i], list);
                    if (element is null)
                    {
                        string missing = list.MapKeys.FirstOrDefault(k => arr[i] is not JsonObject o || o[k] is null) ?? list.MapKeys[0];
                        throw new PatchException(
                            $"{FieldPath.Display(path)}: element {i}: associative list with keys has an element that omits key field \"{missing}\" (and doesn't have default value)");
                    }
                    if (!seen.Add(element))
                    {
                        throw new PatchException($"{FieldPath.Display(path)}: duplicate entries for key {FieldPath.Display([element])}");
                    }
                    if (list.Kind == ListKind.Map) Visit(arr[i], FieldPath.Append(path, element), schemaPath, schema);
                }
                break;
        }
    }
}
