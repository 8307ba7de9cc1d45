using System.Buffers;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.ApiServer.Tables;
using Microsoft.AspNetCore.Http;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>Writes watch events to the response, one JSON document a line, flushed at once (as objects or as Table rows).</summary>
internal sealed class WatchOutput(HttpContext http, ResourceType type, TableOptions? table)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public Task WriteAsync(string eventType, JsonObject obj, CancellationToken ct)
    {
        JsonNode payload = table is not null
            ? TableBuilder.Build(type, [obj], table with { ResourceVersion = ObjectMeta.ResourceVersion(obj) })
            : obj;
        return WriteEventAsync(eventType, payload, ct);
    }

    public Task WriteBookmarkAsync(long revision, CancellationToken ct) =>
        WriteEventAsync("BOOKMARK", new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, ct);

    public Task WriteErrorAsync(ApiException error, CancellationToken ct) => WriteEventAsync("ERROR", error.ToStatus(), ct);

    private async Task WriteEventAsync(string eventType, JsonNode payload, CancellationToken ct)
    {
        var e = new JsonObject { ["type"] = eventType, ["object"] = payload };
        JsonBytes.Write(http.Response.BodyWriter, e);
        http.Response.BodyWriter.Write(Newline);
        await http.Response.BodyWriter.FlushAsync(ct);
    }
}
