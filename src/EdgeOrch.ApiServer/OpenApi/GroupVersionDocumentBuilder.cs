using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.0 document of one group-version (what /openapi/v3/apis/G/V serves): the paths of every resource
/// with kubectl's extensions, and the component schemas of its kinds plus everything they reference.
/// </summary>
internal static class GroupVersionDocumentBuilder
{
    private const string PatchSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    public static JsonObject Build(string group, string version, IReadOnlyList<ResourceType> types, BuiltinSchemas builtins)
    {
        var paths = new JsonObject();
        var components = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var wanted = new List<string> { BuiltinSchemas.ObjectMeta, BuiltinSchemas.ListMeta, BuiltinSchemas.Status, BuiltinSchemas.DeleteOptions };

        foreach (var type in types)
        {
            var (kindName, listName) = AddKindSchemas(type, builtins, components, wanted);
            if (type.HasScale)
                wanted.Add(BuiltinSchemas.Scale);
            AddPaths(paths, type, kindName, listName);
        }

        // The closure of the built-in schemas every piece so far points to (CRD schemas point to ObjectMeta too).
        foreach (var node in components.Values.ToList())
            wanted.AddRange(SchemaRefs.In(node));
        foreach (var name in builtins.Closure(wanted))
            if (!components.ContainsKey(name) && builtins.Get(name) is { } schema)
                components[name] = schema.DeepClone();
        components[PatchSchema] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Patch: a JSON patch, merge patch, strategic merge patch or apply configuration, as the Content-Type says.",
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "EdgeOrch", ["version"] = group.Length == 0 ? version : $"{group}/{version}" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject([.. components.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
            },
        };
    }

    private static (string Kind, string List) AddKindSchemas(ResourceType type, BuiltinSchemas builtins,
        SortedDictionary<string, JsonNode> components, List<string> wanted)
    {
        var builtinKind = type.IsCustom ? null : builtins.NameOf(type.Group, type.Version, type.Kind);
        var builtinList = type.IsCustom ? null : builtins.NameOf(type.Group, type.Version, type.ListKind);
        if (builtinKind is not null && builtinList is not null)
        {
            wanted.Add(builtinKind);
            wanted.Add(builtinList);
            return (builtinKind, builtinList);
        }
        // A custom resource, or a kind without a generated schema: publish its own (possibly open) schema.
        var kindName = builtinKind ?? CustomResourceSchemas.NameOf(type);
        var listName = CustomResourceSchemas.NameOf(type, type.ListKind);
        if (builtinKind is null)
            components[kindName] = CustomResourceSchemas.KindSchema(type);
        else
            wanted.Add(builtinKind);
        components[listName] = CustomResourceSchemas.ListSchema(type, kindName);
        return (kindName, listName);
    }

    private static void AddPaths(JsonObject paths, ResourceType type, string kindName, string listName)
    {
        var prefix = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
        var collection = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
        var item = collection + "/{name}";
        var gvk = (type.Group, type.Version, type.Kind);
        var id = OperationIdStem(type);
        var scope = type.Namespaced ? "Namespaced" : "";

        paths[collection] = PathItem(type.Namespaced, false,
            ("get", OpenApiOperations.Operation("list", $"list{id}{scope}{type.Kind}", gvk, null, listName)),
            ("post", OpenApiOperations.Operation("post", $"create{id}{scope}{type.Kind}", gvk, kindName, kindName, created: true)),
            ("delete", OpenApiOperations.Operation("deletecollection", $"deleteCollection{id}{scope}{type.Kind}", gvk,
                BuiltinSchemas.DeleteOptions, BuiltinSchemas.Status)));
        paths[item] = PathItem(type.Namespaced, true,
            ("get", OpenApiOperations.Operation("get", $"read{id}{scope}{type.Kind}", gvk, null, kindName)),
            ("put", OpenApiOperations.Operation("put", $"replace{id}{scope}{type.Kind}", gvk, kindName, kindName, created: true)),
            ("patch", OpenApiOperations.Operation("patch", $"patch{id}{scope}{type.Kind}", gvk, PatchSchema, kindName, created: true)),
            ("delete", OpenApiOperations.Operation("delete", $"delete{id}{scope}{type.Kind}", gvk,
                BuiltinSchemas.DeleteOptions, BuiltinSchemas.Status)));
        if (type.Namespaced)
        {
            paths[$"{prefix}/{type.Plural}"] = PathItem(false, false,
                ("get", OpenApiOperations.Operation("list", $"list{id}{type.Kind}ForAllNamespaces", gvk, null, listName)));
        }
        if (type.HasStatus)
            paths[item + "/status"] = SubresourceItem(type, gvk, $"{id}{scope}{type.Kind}Status", kindName);
        if (type.HasScale)
            paths[item + "/scale"] = SubresourceItem(type, ("autoscaling", "v1", "Scale"), $"{id}{scope}{type.Kind}Scale", BuiltinSchemas.Scale);
    }

    private static JsonObject SubresourceItem(ResourceType type, (string, string, string) gvk, string stem, string schema) =>
        PathItem(type.Namespaced, true,
            ("get", OpenApiOperations.Operation("get", $"read{stem}", gvk, null, schema)),
            ("put", OpenApiOperations.Operation("put", $"replace{stem}", gvk, schema, schema, created: true)),
            ("patch", OpenApiOperations.Operation("patch", $"patch{stem}", gvk, PatchSchema, schema, created: true)));

    private static JsonObject PathItem(bool namespaced, bool item, params (string Method, JsonObject Op)[] operations)
    {
        var path = new JsonObject();
        foreach (var (method, op) in operations)
            path[method] = op;
        path["parameters"] = OpenApiOperations.PathParameters(namespaced, item);
        return path;
    }

    /// <summary>"CoreV1", "AppsV1", "NetworkingV1": the middle of upstream's operation ids.</summary>
    private static string OperationIdStem(ResourceType type)
    {
        var group = type.Group.Length == 0 ? "core" : type.Group.Split('.')[0];
        return Capitalize(group) + Capitalize(type.Version);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
