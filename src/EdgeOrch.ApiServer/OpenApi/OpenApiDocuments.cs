using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// The /openapi/v3 tree: the index listing every group-version with its hash-addressed URL, and one OpenAPI 3.0
/// document per group-version. Built from a registry snapshot on first use and rebuilt after the registry changes.
/// The cache is keyed by the identity of the registry's immutable type array rather than cleared by its Changed event:
/// a build racing with a change can then never leave a stale snapshot behind.
/// </summary>
public sealed class OpenApiDocuments
{
    public const string Root = "/openapi/v3";

    private readonly ResourceRegistry _registry;
    private Snapshot? _snapshot;

    public OpenApiDocuments(ResourceRegistry registry)
    {
        _registry = registry;
    }

    /// <summary>
    /// The body of /openapi/v3 (the index) or /openapi/v3/api/v1, /openapi/v3/apis/G/V. A query string is ignored;
    /// use <see cref="TryGetResponse"/> to honour ?hash= with caching headers.
    /// </summary>
    public bool TryGet(string path, out byte[] body, out string contentType)
    {
        contentType = OpenApiDocument.JsonContentType;
        var doc = Find(path);
        body = doc?.Body ?? [];
        return doc is not null;
    }

    /// <summary>Like <see cref="TryGet"/>, with the cache headers and the redirect upstream gives for ?hash=.</summary>
    public bool TryGetResponse(string path, string? hash, out OpenApiResponse response)
    {
        var doc = Find(path);
        if (doc is null)
        {
            response = default;
            return false;
        }
        var isIndex = doc.Path == Root;
        if (!isIndex && !string.IsNullOrEmpty(hash) && !string.Equals(hash, doc.Hash, StringComparison.OrdinalIgnoreCase))
        {
            response = new OpenApiResponse([], OpenApiDocument.JsonContentType, doc.ETag, OpenApiResponse.Revalidate,
                $"{doc.Path}?hash={doc.Hash}");
            return true;
        }
        var cache = !isIndex && !string.IsNullOrEmpty(hash) ? OpenApiResponse.Immutable : OpenApiResponse.Revalidate;
        response = new OpenApiResponse(doc.Body, OpenApiDocument.JsonContentType, doc.ETag, cache, null);
        return true;
    }

    /// <summary>The current document of one group-version ("" for core), or null when nothing is served there.</summary>
    public OpenApiDocument? GroupVersion(string group, string version) =>
        Find(group.Length == 0 ? $"{Root}/api/{version}" : $"{Root}/apis/{group}/{version}");

    /// <summary>The index document (/openapi/v3).</summary>
    public OpenApiDocument Index => Current().Index;

    private OpenApiDocument? Find(string path)
    {
        var q = path.IndexOf('?');
        if (q >= 0)
            path = path[..q];
        path = path.TrimEnd('/');
        var snapshot = Current();
        if (path == Root)
            return snapshot.Index;
        return snapshot.Documents.GetValueOrDefault(path);
    }

    private Snapshot Current()
    {
        var source = _registry.All;
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && current.Source == source)
            return current;
        // Two racing builders produce equal snapshots; the last write wins, harmlessly.
        var built = Build(source);
        Volatile.Write(ref _snapshot, built);
        return built;
    }

    private static Snapshot Build(ImmutableArray<ResourceType> types)
    {
        var builtins = BuiltinSchemas.Instance;
        var documents = new Dictionary<string, OpenApiDocument>(StringComparer.Ordinal);
        var indexPaths = new JsonObject();
        foreach (var gv in types.GroupBy(t => (t.Group, t.Version)).OrderBy(g => g.Key.Group.Length == 0 ? 0 : 1).ThenBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal))
        {
            var relative = gv.Key.Group.Length == 0 ? $"api/{gv.Key.Version}" : $"apis/{gv.Key.Group}/{gv.Key.Version}";
            var json = GroupVersionDocumentBuilder.Build(gv.Key.Group, gv.Key.Version, [.. gv], builtins);
            var doc = Seal($"{Root}/{relative}", json);
            documents[doc.Path] = doc;
            indexPaths[relative] = new JsonObject { ["serverRelativeURL"] = $"{doc.Path}?hash={doc.Hash}" };
        }
        var index = Seal(Root, new JsonObject { ["paths"] = indexPaths });
        return new Snapshot(types, index, documents);
    }

    private static OpenApiDocument Seal(string path, JsonObject json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        return new OpenApiDocument(path, bytes, Convert.ToHexString(SHA512.HashData(bytes)));
    }

    private sealed record Snapshot(ImmutableArray<ResourceType> Source, OpenApiDocument Index, Dictionary<string, OpenApiDocument> Documents);
}
