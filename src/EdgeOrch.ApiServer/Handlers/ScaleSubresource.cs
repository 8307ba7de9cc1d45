using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>
/// The autoscaling/v1 Scale view of a scalable object (Deployments, ReplicaSets, StatefulSets, and custom resources whose
/// CRD declares the scale subresource with its replica paths). `kubectl scale` patches this view.
/// </summary>
public static class ScaleSubresource
{
    public static JsonObject ToScale(ResourceType type, JsonObject obj)
    {
        var (specPath, statusPath, selectorPath) = Paths(type);
        var meta = ObjectMeta.Metadata(obj);
        var status = new JsonObject { ["replicas"] = ReadLong(obj, statusPath) ?? 0 };
        if (ReadNode(obj, selectorPath) is { } selector)
            status["selector"] = selector is JsonObject s ? SelectorString(s) : selector.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = ReadLong(obj, specPath) ?? 1 },
            ["status"] = status,
        };
    }

    /// <summary>Copies spec.replicas (and the precondition resourceVersion) from a Scale back into the object.</summary>
    public static JsonObject Apply(ResourceType type, JsonObject obj, JsonObject scale)
    {
        var replicas = scale["spec"]?["replicas"] is JsonValue v && v.TryGetValue<long>(out var r) ? r : 0;
        if (replicas < 0)
            throw ApiException.Invalid("Scale", "autoscaling", ObjectMeta.Name(obj) ?? "",
                [new("FieldValueInvalid", "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0")]);
        var (specPath, _, _) = Paths(type);
        Write(obj, specPath, replicas);
        if (ObjectMeta.ResourceVersion(scale) is { Length: > 0 } rv)
            ObjectMeta.Metadata(obj)["resourceVersion"] = rv;
        return obj;
    }

    private static (string Spec, string Status, string? Selector) Paths(ResourceType type)
    {
        // Custom resources: Kubernetes reads the paths from the CRD's subresources.scale; these are its usual values.
        return type.IsCustom
            ? (".spec.replicas", ".status.replicas", ".status.selector")
            : (".spec.replicas", ".status.replicas", ".spec.selector");
    }

    private static string SelectorString(JsonObject selector)
    {
        var parts = new List<string>();
        if (selector["matchLabels"] is JsonObject labels)
            parts.AddRange(labels.Select(kv => $"{kv.Key}={kv.Value}"));
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var key = ObjectMeta.GetString(e, "key");
                var values = (e["values"] as JsonArray ?? []).Select(x => x?.ToString()).ToList();
                parts.Add(ObjectMeta.GetString(e, "operator") switch
                {
                    "In" => $"{key} in ({string.Join(",", values)})",
                    "NotIn" => $"{key} notin ({string.Join(",", values)})",
                    "Exists" => key!,
                    _ => $"!{key}",
                });
            }
        }
        return string.Join(",", parts);
    }

    private static JsonNode? ReadNode(JsonObject obj, string? path)
    {
        if (path is null)
            return null;
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
            node = (node as JsonObject)?[part];
        return node;
    }

    private static long? ReadLong(JsonObject obj, string path) =>
        ReadNode(obj, path) is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static void Write(JsonObject obj, string path, long value)
    {
        var parts = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = new JsonObject();
                node[part] = child;
            }
            node = child;
        }
        node[parts[^1]] = value;
    }
}
