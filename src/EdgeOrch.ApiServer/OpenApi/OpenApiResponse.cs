namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// What the server sends for a GET under /openapi/v3. When <see cref="RedirectTo"/> is set, answer 301 with that
/// Location (the client asked for an outdated hash), else 200 with the body and these headers.
/// </summary>
public readonly record struct OpenApiResponse(
    byte[] Body,
    string ContentType,
    string ETag,
    string CacheControl,
    string? RedirectTo)
{
    /// <summary>A document addressed by its current hash never changes: clients may keep it for a year.</summary>
    public const string Immutable = "public, immutable, max-age=31536000";

    /// <summary>The index and unaddressed documents change when CRDs do.</summary>
    public const string Revalidate = "no-cache, private";
}
