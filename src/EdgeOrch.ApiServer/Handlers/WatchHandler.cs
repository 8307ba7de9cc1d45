using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Metrics;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.ApiServer.Tables;
using EdgeOrch.Store;
using Microsoft.AspNetCore.Http;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>
/// A watch: newline-delimited watch events ({"type","object"}) streamed as they commit. Without a resourceVersion (or "0")
/// the current objects come first as ADDED events, as Kubernetes does. Selector changes are reported as the client sees them:
/// an object that stops matching is DELETED, one that starts matching is ADDED.
/// </summary>
public sealed class WatchHandler(RestContext context, ObjectLister lister, ApiMetrics metrics)
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(60);

    public async Task WatchAsync(HttpContext http, ResourceType type, string? ns, string? name, ListOptions options, CancellationToken ct)
    {
        var query = http.Request.Query;
        if (name is not null)
            options = options with { Fields = Selectors.FieldSelector.Parse(AddName(query["fieldSelector"].FirstOrDefault(), name)) };
        var asTable = TableBuilder.WantsTable(http.Request.Headers.Accept);
        var bookmarks = query["allowWatchBookmarks"].FirstOrDefault() == "true";
        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30 + Random.Shared.Next(30));

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        var output = new WatchOutput(http, type, asTable ? ResourceHandler.TableOptionsFor(http, context.Now) : null);

        long after;
        var rv = options.ResourceVersion;
        if (string.IsNullOrEmpty(rv) || rv == "0")
        {
            var page = await lister.ListAsync(type, ns, options with { Limit = 0, Continue = null, ResourceVersion = null }, ct);
            foreach (var item in page.Items)
                await output.WriteAsync("ADDED", item, ct);
            after = page.Revision;
        }
        else if (!long.TryParse(rv, out after))
        {
            throw ApiException.BadRequest($"invalid resource version: \"{rv}\"");
        }

        using var stream = context.Storage.Store.Watch(type.NamespacePrefix(ns), after);
        // Send the headers now, as Kubernetes does: client-go blocks in Watch() until they arrive, and kubectl's
        // `rollout status` cannot stop its watcher (and exit) while that call is pending on a quiet resource.
        await http.Response.StartAsync(ct);
        await http.Response.BodyWriter.FlushAsync(ct);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        metrics.WatchStarted(type.GroupResource);
        try
        {
            await StreamAsync(stream, options, output, bookmarks, after, timeoutCts.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the timeout passed: both end a watch normally.
        }
        finally
        {
            metrics.WatchEnded(type.GroupResource);
        }
    }

    private async Task StreamAsync(WatchStream stream, ListOptions options, WatchOutput output, bool bookmarks, long lastRevision, CancellationToken ct)
    {
        var reader = stream.Events;
        while (true)
        {
            var readTask = reader.WaitToReadAsync(ct).AsTask();
            if (bookmarks)
            {
                var done = await Task.WhenAny(readTask, Task.Delay(BookmarkInterval, ct));
                if (done != readTask)
                {
                    await output.WriteBookmarkAsync(lastRevision, ct);
                    continue;
                }
            }
            if (!await readTask)
            {
                if (stream.Error == StoreStatus.Compacted)
                    await output.WriteErrorAsync(ApiException.Gone($"too old resource version: {lastRevision} ({context.Storage.Store.CompactedRevision})"), ct);
                return;
            }
            while (reader.TryRead(out var e))
            {
                lastRevision = e.Entry.Revision;
                var (eventType, obj) = WatchTranslator.Translate(e, options);
                if (eventType is not null)
                    await output.WriteAsync(eventType, obj!, ct);
            }
        }
    }

    private static string AddName(string? selector, string name) =>
        string.IsNullOrEmpty(selector) ? $"metadata.name={name}" : $"{selector},metadata.name={name}";
}
