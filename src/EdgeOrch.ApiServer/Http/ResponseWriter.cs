using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace EdgeOrch.ApiServer.Http;

/// <summary>Writes JSON bodies (objects, lists, Status) the way every handler does.</summary>
public static class ResponseWriter
{
    public static async Task WriteJsonAsync(HttpContext http, int statusCode, JsonNode body, string contentType = "application/json")
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = contentType;
        JsonBytes.Write(http.Response.BodyWriter, body);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext http, ApiException error) =>
        WriteJsonAsync(http, error.Code, error.ToStatus());

    public static async Task WriteTextAsync(HttpContext http, int statusCode, string text, string contentType = "text/plain; charset=utf-8")
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(text, http.RequestAborted);
    }

    public static void AddWarnings(HttpContext http, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"")}\"");
    }
}
