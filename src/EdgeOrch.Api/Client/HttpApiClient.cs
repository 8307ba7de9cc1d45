using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Client;

/// <summary>
/// The API over HTTPS, for processes outside the server (sim-nodes, agents): HTTP/2 when the server offers it, the
/// kubeconfig's CA as the only trusted root, a bearer token, JSON bodies, newline-delimited watch streams. Errors the
/// server returns as a Status become <see cref="ApiClientException"/> with its code and reason. NativeAOT-safe: JSON is
/// handled as JsonNode only.
/// </summary>
public sealed class HttpApiClient : IApiClient, IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly Uri _server;

    public HttpApiClient(KubeconfigCredentials credentials, string userAgent = "edgeorch", HttpMessageHandler? handler = null)
    {
        _server = new Uri(credentials.Server.TrimEnd('/') + "/");
        _http = new HttpClient(handler ?? CreateHandler(credentials), disposeHandler: true)
        {
            // Watches last as long as the caller wants; plain requests get their own timeout (RequestTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(userAgent, "v" + typeof(HttpApiClient).Assembly.GetName().Version?.ToString(3)));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(credentials.Token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credentials.Token);
    }

    public static HttpApiClient FromKubeconfig(string path, string? context = null, string userAgent = "edgeorch") =>
        new(KubeconfigFile.Load(path, context), userAgent);

    /// <summary>TLS that trusts exactly the kubeconfig's CA (when it has one) and still checks the host name.</summary>
    public static SocketsHttpHandler CreateHandler(KubeconfigCredentials credentials)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (credentials.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (credentials.CertificateAuthorityPem is { Length: > 0 } pem)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(pem);
            if (roots.Count == 0)
                throw new InvalidDataException("the kubeconfig's certificate authority holds no certificate");
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainst(roots, certificate, errors);
        }
        return handler;
    }

    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 leaf)
            return chain.Build(leaf);
        using var copy = new X509Certificate2(certificate);
        return chain.Build(copy);
    }

    public async Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, Path(type, ns, name), null, null, cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task<ObjectList> ListAsync(ResourceType type, string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        var list = await SendAsync(HttpMethod.Get, Path(type, ns, null) + query, null, null, cancellationToken);
        var items = list["items"] is JsonArray array ? array.OfType<JsonObject>().ToList() : [];
        foreach (var item in items)
        {
            // List items come without kind and apiVersion over the wire; controllers expect them on every object.
            item["kind"] ??= type.Kind;
            item["apiVersion"] ??= type.ApiVersion;
        }
        list.Remove("items");
        return new ObjectList(items, (string?)list["metadata"]?["resourceVersion"] ?? "");
    }

    public async IAsyncEnumerable<ApiWatchEvent> WatchAsync(ResourceType type, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = Query(("watch", "true"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server, Path(type, ns, null).TrimStart('/') + query));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            yield break;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw await ErrorAsync(response, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
                {
                    // Cancelled, or the connection dropped: either way the watch is over and the caller re-lists.
                    yield break;
                }
                if (line is null)
                    yield break;
                if (line.Length == 0)
                    continue;
                if (JsonNode.Parse(line) is JsonObject ev && (string?)ev["type"] is { } eventType && ev["object"] is JsonObject obj)
                {
                    ev.Remove("object");
                    yield return new ApiWatchEvent(eventType, obj);
                }
            }
        }
    }

    public async Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Post, Path(type, Namespace(type, obj), null), obj, "application/json", cancellationToken);

    public async Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Put, Path(type, Namespace(type, obj), Name(obj)), obj, "application/json", cancellationToken);

    public async Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Put, Path(type, Namespace(type, obj), Name(obj)) + "/status", obj, "application/json", cancellationToken);

    public async Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch,
        string? subresource = null, CancellationToken cancellationToken = default)
    {
        var media = patchType switch
        {
            PatchType.Json => "application/json-patch+json",
            PatchType.Merge => "application/merge-patch+json",
            _ => "application/strategic-merge-patch+json",
        };
        var path = Path(type, ns, name) + (subresource is null ? "" : "/" + subresource);
        return await SendAsync(HttpMethod.Patch, path, patch, media, cancellationToken);
    }

    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        string? preconditionUid = null, CancellationToken cancellationToken = default)
    {
        var options = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (propagationPolicy is not null)
            options["propagationPolicy"] = propagationPolicy;
        if (gracePeriodSeconds is { } grace)
            options["gracePeriodSeconds"] = grace;
        if (preconditionUid is not null)
            options["preconditions"] = new JsonObject { ["uid"] = preconditionUid };
        try
        {
            await SendAsync(HttpMethod.Delete, Path(type, ns, name), options, "application/json", cancellationToken);
            return true;
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>"/api/v1/namespaces/ns/pods/name" or "/apis/apps/v1/deployments" (cluster-wide or cluster-scoped).</summary>
    public static string Path(ResourceType type, string? ns, string? name)
    {
        var sb = new StringBuilder(type.Group.Length == 0 ? "/api/" : $"/apis/{type.Group}/");
        sb.Append(type.Version);
        if (type.Namespaced && !string.IsNullOrEmpty(ns))
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        sb.Append('/').Append(type.Plural);
        if (name is not null)
            sb.Append('/').Append(Uri.EscapeDataString(name));
        return sb.ToString();
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(_server, pathAndQuery.TrimStart('/')));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Serialize(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiClientException(504, "Timeout", $"{method} {pathAndQuery}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new ApiClientException(503, "ServiceUnavailable", $"{method} {pathAndQuery}: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw await ErrorAsync(response, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw new ApiClientException((int)response.StatusCode, "InternalError", $"{method} {pathAndQuery}: the answer is not a JSON object");
        }
    }

    /// <summary>The server's Status (code, reason, message), or one made from the HTTP status when the body is not one.</summary>
    private static async Task<ApiClientException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonNode.Parse(text) is JsonObject status && (string?)status["kind"] == "Status")
                return new ApiClientException((int?)status["code"] ?? code, (string?)status["reason"] ?? ReasonOf(code), (string?)status["message"] ?? text);
        }
        catch (JsonException)
        {
        }
        return new ApiClientException(code, ReasonOf(code), text.Length > 0 ? text : response.ReasonPhrase ?? code.ToString());
    }

    private static string ReasonOf(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => code >= 500 ? "InternalError" : "Unknown",
    };

    private static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            node.WriteTo(writer);
        return buffer.ToArray();
    }

    private static string Query(params (string Key, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The object's namespace; "default" when a namespaced object names none (as kubectl's default context does).</summary>
    private static string? Namespace(ResourceType type, JsonObject obj) =>
        type.Namespaced ? (string?)obj["metadata"]?["namespace"] is { Length: > 0 } ns ? ns : "default" : null;

    private static string Name(JsonObject obj) =>
        (string?)obj["metadata"]?["name"] ?? throw new ApiClientException(400, "BadRequest", "metadata.name is required");
}
