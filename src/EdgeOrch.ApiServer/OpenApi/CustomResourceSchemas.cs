using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>Turns a CRD version's openAPIV3Schema into the component schemas of its kind and list kind.</summary>
internal static class CustomResourceSchemas
{
    /// <summary>Upstream naming: group "autoscaling.k8s.io", v1, Kind -> "io.k8s.autoscaling.v1.Kind".</summary>
    public static string NameOf(ResourceType type, string? kind = null)
    {
        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return $"{reversed}.{type.Version}.{kind ?? type.Kind}";
    }

    public static JsonObject KindSchema(ResourceType type)
    {
        var schema = type.Schema?.DeepClone().AsObject()
            ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["type"] ??= "object";
        if (schema["properties"] is not JsonObject props)
        {
            props = [];
            schema["properties"] = props;
        }
        props["apiVersion"] ??= new JsonObject { ["type"] = "string", ["description"] = "The group/version of this object's schema." };
        props["kind"] ??= new JsonObject { ["type"] = "string", ["description"] = "The kind of this object, in CamelCase." };
        // A CRD's schema may say only "type: object" for metadata; the server treats it as ObjectMeta, so publish that.
        props["metadata"] = new JsonObject
        {
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = BuiltinSchemas.RefPrefix + BuiltinSchemas.ObjectMeta }),
            ["description"] = "Standard object metadata: name, namespace, labels, annotations, owners.",
        };
        schema["description"] ??= $"{type.Kind} ({type.ApiVersion}): a custom resource defined by a CustomResourceDefinition.";
        schema["x-kubernetes-group-version-kind"] = Gvk(type.Group, type.Version, type.Kind);
        return schema;
    }

    public static JsonObject ListSchema(ResourceType type, string itemSchemaName) => ListSchemaFor(
        type.Group, type.Version, type.ListKind, itemSchemaName);

    public static JsonObject ListSchemaFor(string group, string version, string listKind, string itemSchemaName) => new()
    {
        ["type"] = "object",
        ["description"] = $"{listKind} ({(group.Length == 0 ? version : group + "/" + version)}): a list of objects.",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["metadata"] = new JsonObject { ["$ref"] = BuiltinSchemas.RefPrefix + BuiltinSchemas.ListMeta },
            ["items"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["$ref"] = BuiltinSchemas.RefPrefix + itemSchemaName },
            },
        },
        ["x-kubernetes-group-version-kind"] = Gvk(group, version, listKind),
    };

    public static JsonArray Gvk(string group, string version, string kind) =>
        new(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
}
