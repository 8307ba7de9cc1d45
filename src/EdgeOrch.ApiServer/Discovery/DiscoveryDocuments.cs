using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Discovery;

/// <summary>
/// Serves discovery: /api, /apis (legacy lists or aggregated apidiscovery.k8s.io v2/v2beta1, by Accept),
/// /api/v1, /apis/G and /apis/G/V. Documents are rendered once per registry snapshot (keyed by the identity of the
/// registry's immutable type array, so a render racing with a CRD change never sticks) and re-rendered after a change.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly ResourceRegistry _registry;
    private readonly DiscoveryDocumentBuilder _builder;
    private Cache? _cache;

    /// <param name="servedSubresources">Optional core subresources the server implements, e.g. "pods/log", "pods/exec"
    /// (keys of <see cref="KnownSubresources.Optional"/>); status and scale come from the resource types.</param>
    public DiscoveryDocuments(ResourceRegistry registry, IEnumerable<string>? servedSubresources = null)
    {
        var served = new HashSet<string>(servedSubresources ?? [], StringComparer.Ordinal);
        foreach (var key in served)
            if (!KnownSubresources.Optional.ContainsKey(key))
                throw new ArgumentException($"Unknown subresource \"{key}\"", nameof(servedSubresources));
        _registry = registry;
        _builder = new DiscoveryDocumentBuilder(served);
    }

    /// <summary>True when <paramref name="path"/> is a discovery path; the body is chosen by the Accept header.</summary>
    public bool TryGet(string path, string? accept, out byte[] body, out string contentType)
    {
        var found = TryGetResponse(path, accept, out var response);
        body = response.Body ?? [];
        contentType = response.ContentType ?? AcceptNegotiator.JsonContentType;
        return found;
    }

    public bool TryGetResponse(string path, string? accept, out DiscoveryResponse response)
    {
        var q = path.IndexOf('?');
        if (q >= 0)
            path = path[..q];
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        var format = path is "/api" or "/apis" ? AcceptNegotiator.Negotiate(accept) : DiscoveryFormat.Legacy;
        return Current().TryGetValue((path, format), out response);
    }

    private Dictionary<(string, DiscoveryFormat), DiscoveryResponse> Current()
    {
        var source = _registry.All;
        var cache = Volatile.Read(ref _cache);
        if (cache is not null && cache.Source == source)
            return cache.Documents;
        var built = Build(source);
        Volatile.Write(ref _cache, new Cache(source, built));
        return built;
    }

    private Dictionary<(string, DiscoveryFormat), DiscoveryResponse> Build(IEnumerable<ResourceType> types)
    {
        var groups = ApiGroupView.From(types);
        var core = groups.FirstOrDefault(g => g.Name.Length == 0);
        var named = groups.Where(g => g.Name.Length > 0).ToList();
        var docs = new Dictionary<(string, DiscoveryFormat), DiscoveryResponse>();

        void Put(string path, DiscoveryFormat format, JsonObject json)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..32]}\"";
            docs[(path, format)] = new DiscoveryResponse(bytes, AcceptNegotiator.ContentTypeOf(format), etag);
        }

        Put("/api", DiscoveryFormat.Legacy, DiscoveryDocumentBuilder.ApiVersions(core));
        Put("/apis", DiscoveryFormat.Legacy, DiscoveryDocumentBuilder.GroupList(named));
        foreach (var format in new[] { DiscoveryFormat.AggregatedV2, DiscoveryFormat.AggregatedV2Beta1 })
        {
            Put("/api", format, _builder.Aggregated(core is null ? [] : [core], format));
            Put("/apis", format, _builder.Aggregated(named, format));
        }
        foreach (var g in groups)
        {
            if (g.Name.Length > 0)
                Put($"/apis/{g.Name}", DiscoveryFormat.Legacy, DiscoveryDocumentBuilder.Group(g, typed: true));
            foreach (var (version, list) in g.Versions)
            {
                var path = g.Name.Length == 0 ? $"/api/{version}" : $"/apis/{g.Name}/{version}";
                Put(path, DiscoveryFormat.Legacy, _builder.ResourceList(g, version, list));
            }
        }
        return docs;
    }

    private sealed record Cache(ImmutableArray<ResourceType> Source, Dictionary<(string, DiscoveryFormat), DiscoveryResponse> Documents);
}
