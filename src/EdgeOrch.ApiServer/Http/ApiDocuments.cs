using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Discovery;
using EdgeOrch.ApiServer.OpenApi;

namespace EdgeOrch.ApiServer.Http;

/// <summary>Discovery (/api, /apis) and OpenAPI (/openapi/v3) documents, both rebuilt when the served kinds change.</summary>
public sealed class ApiDocuments(ResourceRegistry registry) : IApiDocuments
{
    private readonly DiscoveryDocuments _discovery = new(registry, ["pods/binding"]);
    private readonly OpenApiDocuments _openApi = new(registry);

    public bool TryServe(string path, string? query, string? accept, out byte[] body, out string contentType)
    {
        if (path.StartsWith(OpenApiDocuments.Root, StringComparison.Ordinal))
            return _openApi.TryGet(path, out body, out contentType);
        return _discovery.TryGet(path, accept, out body, out contentType);
    }
}
