using System.Diagnostics;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Handlers;
using EdgeOrch.ApiServer.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.ApiServer.Http;

/// <summary>
/// The one request entry: health and version (no authentication), then bearer-token authentication, then metrics,
/// discovery and OpenAPI documents, then resources. Every error leaves as a Kubernetes Status object.
/// </summary>
public sealed partial class ApiDispatcher(
    ResourceRegistry registry,
    ResourceHandler resources,
    IApiDocuments documents,
    Func<string?, bool> authenticate,
    ApiMetrics metrics,
    Func<bool> isReady,
    ILogger<ApiDispatcher> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/healthz" or "/livez":
                await ResponseWriter.WriteTextAsync(http, 200, "ok");
                return;
            case "/readyz":
                await ResponseWriter.WriteTextAsync(http, isReady() ? 200 : 503, isReady() ? "ok" : "not ready");
                return;
            case "/version":
                await ResponseWriter.WriteJsonAsync(http, 200, ServerVersion.ToJson());
                return;
        }

        if (!authenticate(http.Request.Headers.Authorization.FirstOrDefault()))
        {
            await ResponseWriter.WriteStatusAsync(http, new ApiException(401, "Unauthorized", "Unauthorized"));
            return;
        }

        if (path == "/metrics")
        {
            await ResponseWriter.WriteTextAsync(http, 200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
            return;
        }

        if (http.Request.Method == "GET" && documents.TryServe(path, http.Request.QueryString.Value, http.Request.Headers.Accept, out var body, out var contentType))
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = contentType;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
            return;
        }

        await HandleResourceAsync(http, path);
    }

    private async Task HandleResourceAsync(HttpContext http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var info = RequestInfo.Parse(path);
        var verb = info is null ? "unknown" : ResourceHandler.VerbOf(http.Request.Method, info, http.Request.Query);
        var resourceLabel = info?.Resource ?? "";
        try
        {
            if (info is null)
                throw ApiException.NotFoundPath();
            var type = registry.Find(info.Group, info.Version, info.Resource) ?? throw ApiException.NotFoundPath();
            resourceLabel = info.Subresource is null ? type.Plural : $"{type.Plural}/{info.Subresource}";
            await resources.HandleAsync(http, info, type, verb);
        }
        catch (ApiException e)
        {
            if (!http.Response.HasStarted)
                await ResponseWriter.WriteStatusAsync(http, e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (a chunked body past the size cap, a malformed request) keep their status code.
            if (!http.Response.HasStarted)
                await ResponseWriter.WriteStatusAsync(http, e.StatusCode == 413
                    ? ApiException.TooLarge(RequestBody.MaxBytes)
                    : new ApiException(e.StatusCode, "BadRequest", e.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; nothing to answer.
        }
        catch (Exception e)
        {
            LogUnhandled(logger, http.Request.Method, path, e);
            if (!http.Response.HasStarted)
                await ResponseWriter.WriteStatusAsync(http, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
        finally
        {
            metrics.RequestDone(verb, resourceLabel, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception error);
}
