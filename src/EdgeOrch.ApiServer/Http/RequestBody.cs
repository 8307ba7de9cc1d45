using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Serialization;
using EdgeOrch.ApiServer.Protobuf;
using Microsoft.AspNetCore.Http;

namespace EdgeOrch.ApiServer.Http;

/// <summary>Reads a request body as JSON (or YAML, which kubectl sends for server-side apply), bounded like Kubernetes' 3 MiB.</summary>
public static class RequestBody
{
    public const long MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            throw ApiException.TooLarge(MaxBytes);
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > MaxBytes)
                throw ApiException.TooLarge(MaxBytes);
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>
    /// The body as a JSON node; YAML or Kubernetes protobuf (kubectl's imperative commands) when the content type says so.
    /// Malformed input is a 400 with the parser's message.
    /// </summary>
    public static JsonNode? Parse(byte[] body, string? contentType)
    {
        if (body.Length == 0)
            return null;
        if (KubernetesProtobuf.IsProtobuf(contentType))
            return DecodeProtobuf(body);
        var media = MediaType(contentType);
        try
        {
            if (media.EndsWith("yaml", StringComparison.Ordinal))
                return YamlJson.Parse(Encoding.UTF8.GetString(body));
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the object provided is unrecognized or malformed: {e.Message}");
        }
        catch (YamlJsonException e)
        {
            throw ApiException.BadRequest($"the object provided is unrecognized or malformed: error converting YAML to JSON: {e.Message}");
        }
    }

    private static JsonObject DecodeProtobuf(byte[] body)
    {
        try
        {
            return KubernetesProtobuf.Decode(body);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"the object provided is unrecognized or malformed: {e.Message}");
        }
    }

    public static JsonObject ParseObject(byte[] body, string? contentType) =>
        Parse(body, contentType) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON or YAML object");

    public static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return "application/json";
        var semi = contentType.IndexOf(';');
        return (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
    }
}
