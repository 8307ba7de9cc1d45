using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Reads the list and map markers of a CRD's openAPIV3Schema (x-kubernetes-list-type, x-kubernetes-list-map-keys,
/// x-kubernetes-map-type) so server-side apply merges custom resources the way their authors declared.
/// </summary>
internal static class CrdFieldSchema
{
    private const int MaxDepth = 32;

    public static FieldSchema From(JsonObject? openApiSchema)
    {
        var schema = new FieldSchema()
            .List("metadata.finalizers", ListSchema.PrimitiveSet)
            .List("metadata.ownerReferences", ListSchema.ByKey("uid"));
        if (openApiSchema is not null) Walk(schema, openApiSchema, "", 0);
        return schema;
    }

    private static void Walk(FieldSchema schema, JsonObject node, string path, int depth)
    {
        if (depth > MaxDepth) return;
        if (node["properties"] is JsonObject props)
        {
            foreach (var (name, child) in props)
            {
                if (child is JsonObject c && !(path.Length == 0 && name == "metadata")) Visit(schema, c, FieldSchema.Child(path, name), depth + 1);
            }
        }
    }

    private static void Visit(FieldSchema schema, JsonObject node, string path, int depth)
    {
        string? type = (string?)node["type"];
        if (type == "array")
        {
            string? listType = (string?)node["x-kubernetes-list-type"];
            if (listType == "map" && node["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                schema.List(path, ListSchema.ApplyOnly(keys.Select(k => (string?)k ?? "").ToArray()));
            }
            else if (listType == "set")
            {
                schema.List(path, ListSchema.PrimitiveSet);
            }

            if (node["items"] is JsonObject items) Walk(schema, items, path, depth + 1);
            return;
        }

        if ((string?)node["x-kubernetes-map-type"] == "atomic")
        {
            schema.AtomicObject(path);
            return;
        }

        if (node["additionalProperties"] is JsonObject && node["properties"] is null) schema.Map(path);
        Walk(schema, node, path, depth);
    }
}
