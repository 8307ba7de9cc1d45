using System.Text.Json.Nodes;
using static EdgeOrch.ApiServer.Admission.CustomResourceSchemaValues;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Applies a structural schema's <c>default</c> values: a property that is missing (or null without nullable) gets its
/// default, top-down, so a defaulted object has its own fields defaulted too. Only objects that exist are descended into,
/// as in Kubernetes (a default on spec.a.b does nothing while spec.a is absent).
/// </summary>
public static class CustomResourceSchemaDefaulter
{
    private const int MaxDepth = 64;

    public static void Apply(JsonObject obj, JsonObject schema) => DefaultObject(obj, schema, root: true, depth: 0);

    private static void DefaultNode(JsonNode? node, JsonObject schema, int depth)
    {
        if (depth > MaxDepth)
            return;
        if (node is JsonObject obj)
            DefaultObject(obj, schema, root: false, depth);
        else if (node is JsonArray arr && schema["items"] is JsonObject items)
            foreach (var item in arr)
                DefaultNode(item, items, depth + 1);
    }

    private static void DefaultObject(JsonObject obj, JsonObject schema, bool root, int depth)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (key, node) in properties)
            {
                if (node is not JsonObject propSchema || (root && key is "apiVersion" or "kind" or "metadata"))
                    continue;
                var missing = !obj.TryGetPropertyValue(key, out var value) || (value is null && !IsTrue(propSchema["nullable"]));
                if (missing && propSchema.TryGetPropertyValue("default", out var fallback))
                {
                    value = fallback?.DeepClone();
                    obj[key] = value;
                }
                if (value is not null)
                    DefaultNode(value, propSchema, depth + 1);
            }
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            var declared = schema["properties"] as JsonObject;
            foreach (var (key, value) in obj.ToList())
                if (declared?.ContainsKey(key) != true && !(root && key is "apiVersion" or "kind" or "metadata"))
                    DefaultNode(value, additional, depth + 1);
        }
    }
}
