namespace EdgeOrch.ApiServer.Http;

/// <summary>The read-only documents clients discover the API with: /api, /apis (discovery) and /openapi/* (schemas).</summary>
public interface IApiDocuments
{
    /// <summary>True when <paramref name="path"/> is one of these documents; the body and content type to answer with.</summary>
    bool TryServe(string path, string? query, string? accept, out byte[] body, out string contentType);
}
