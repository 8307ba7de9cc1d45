namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>One served OpenAPI document: its bytes and the hash that addresses it (/openapi/v3/apis/apps/v1?hash=HASH).</summary>
public sealed record OpenApiDocument(string Path, byte[] Body, string Hash)
{
    public const string JsonContentType = "application/json";

    /// <summary>A quoted strong ETag from the hash.</summary>
    public string ETag => $"\"{Hash}\"";
}
