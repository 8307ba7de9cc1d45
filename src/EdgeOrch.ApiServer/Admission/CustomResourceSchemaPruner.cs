using System.Text.Json.Nodes;
using static EdgeOrch.ApiServer.Admission.CustomResourceSchemaValues;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Drops what a structural schema does not declare, as the apiextensions server does before storing: fields missing from
/// properties (unless x-kubernetes-preserve-unknown-fields or additionalProperties keeps them) and nulls in fields that are not
/// nullable (a default may then take their place). apiVersion, kind and metadata survive at the root and in embedded resources.
/// </summary>
public static class CustomResourceSchemaPruner
{
    private const int MaxDepth = 64;

    /// <summary>Prunes <paramref name="obj"/> in place; returns the dotted paths removed (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> Prune(JsonObject obj, JsonObject schema)
    {
        var removed = new List<string>();
        PruneObject(obj, schema, "", removed, keepMeta: true, depth: 0);
        return removed;
    }

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> removed, int depth)
    {
        if (depth > MaxDepth)
            return;
        if (node is JsonObject obj)
            PruneObject(obj, schema, path, removed, IsTrue(schema["x-kubernetes-embedded-resource"]), depth);
        else if (node is JsonArray arr && schema["items"] is JsonObject items)
            for (var i = 0; i < arr.Count; i++)
                PruneNode(arr[i], items, $"{path}[{i}]", removed, depth + 1);
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> removed, bool keepMeta, int depth)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var keepUnknown = IsTrue(schema["x-kubernetes-preserve-unknown-fields"]) || IsTrue(additional);
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            // Kubernetes handles these itself (metadata is pruned to ObjectMeta, not to the schema).
            if (keepMeta && key is "apiVersion" or "kind" or "metadata")
                continue;
            var child = CustomResourceSchemaValidator.Child(path, key);
            var value = obj[key];
            if (properties?[key] is JsonObject propSchema)
            {
                if (value is null && !IsTrue(propSchema["nullable"]))
                {
                    obj.Remove(key);
                    continue;
                }
                PruneNode(value, propSchema, child, removed, depth + 1);
            }
            else if (additional is JsonObject additionalSchema)
                PruneNode(value, additionalSchema, child, removed, depth + 1);
            else if (!keepUnknown)
            {
                obj.Remove(key);
                removed.Add(child);
            }
        }
    }
}
