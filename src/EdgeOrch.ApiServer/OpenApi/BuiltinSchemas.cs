using System.IO.Compression;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// The OpenAPI schemas of the built-in kinds, generated at development time by tools/gen-openapi and embedded
/// (Resources/openapi/builtin-schemas.json.gz). Loaded once; callers must not mutate the nodes (clone before composing).
/// </summary>
internal sealed class BuiltinSchemas
{
    public const string RefPrefix = "#/components/schemas/";
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    public const string Status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    public const string DeleteOptions = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    public const string Scale = "io.k8s.api.autoscaling.v1.Scale";

    private static readonly Lazy<BuiltinSchemas> Lazy = new(Load);

    private readonly Dictionary<string, JsonObject> _schemas;
    private readonly Dictionary<(string Group, string Version, string Kind), string> _byKind = [];

    private BuiltinSchemas(Dictionary<string, JsonObject> schemas)
    {
        _schemas = schemas;
        foreach (var (name, schema) in schemas)
        {
            if (schema["x-kubernetes-group-version-kind"] is not JsonArray gvks)
                continue;
            foreach (var gvk in gvks.OfType<JsonObject>())
                _byKind.TryAdd(((string?)gvk["group"] ?? "", (string?)gvk["version"] ?? "", (string?)gvk["kind"] ?? ""), name);
        }
    }

    public static BuiltinSchemas Instance => Lazy.Value;

    public IReadOnlyDictionary<string, JsonObject> All => _schemas;

    public JsonObject? Get(string name) => _schemas.GetValueOrDefault(name);

    /// <summary>The definition name of a built-in kind, e.g. ("apps","v1","Deployment") -> io.k8s.api.apps.v1.Deployment.</summary>
    public string? NameOf(string group, string version, string kind) =>
        _byKind.GetValueOrDefault((group, version, kind));

    /// <summary>Resolves a "#/components/schemas/NAME" reference.</summary>
    public JsonObject? Resolve(string reference) =>
        reference.StartsWith(RefPrefix, StringComparison.Ordinal) ? Get(reference[RefPrefix.Length..]) : null;

    /// <summary>Every definition name reachable from the given ones through $ref, the given ones included.</summary>
    public SortedSet<string> Closure(IEnumerable<string> roots)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.TryPop(out var name))
        {
            if (!seen.Add(name) || Get(name) is not { } schema)
                continue;
            foreach (var r in SchemaRefs.In(schema))
                stack.Push(r);
        }
        return seen;
    }

    private static BuiltinSchemas Load()
    {
        var assembly = typeof(BuiltinSchemas).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("builtin-schemas.json.gz", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        var root = JsonNode.Parse(gz)!.AsObject();
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (name, node) in root["schemas"]!.AsObject())
            schemas[name] = node!.AsObject();
        return new BuiltinSchemas(schemas);
    }
}
