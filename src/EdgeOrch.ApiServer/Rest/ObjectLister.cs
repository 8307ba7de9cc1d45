using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>GET of a collection: a consistent page at one revision, filtered by selectors, with continue tokens.</summary>
public sealed class ObjectLister(RestContext context)
{
    private const string ContinueTooOld =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

    public async Task<ListPage> ListAsync(ResourceType type, string? ns, ListOptions options, CancellationToken ct)
    {
        var prefix = type.NamespacePrefix(ns);
        long atRevision = 0;
        string? startAfter = null;
        if (options.Continue is { Length: > 0 } token)
            (atRevision, startAfter) = ContinueToken.Decode(token);
        else if (options.ResourceVersionMatch == "Exact" && long.TryParse(options.ResourceVersion, out var exact))
            atRevision = exact;

        // metadata.name=X pins one key: read it instead of scanning the kind.
        if (options.Fields.EqualityValue("metadata.name") is { } pinned && atRevision == 0)
        {
            var one = await context.Storage.GetAsync(type, ns, pinned, ct);
            var items = one is not null && Matches(one, options) ? new List<JsonObject> { one } : [];
            return new ListPage(items, context.Storage.Store.CurrentRevision, null, null);
        }

        var result = new List<JsonObject>();
        var pageSize = options.Limit > 0 ? Math.Max(options.Limit, 64) : 0;
        while (true)
        {
            var page = await context.Storage.Store.ListAsync(prefix, atRevision, pageSize, startAfter, ct);
            if (page.Status == StoreStatus.Compacted)
                throw options.Continue is null
                    ? ApiException.Gone($"too old resource version: {atRevision} ({context.Storage.Store.CompactedRevision})")
                    : ApiException.Gone(ContinueTooOld);
            if (page.Status == StoreStatus.FutureRevision)
                throw new ApiException(504, "Timeout", $"Too large resource version: {atRevision}, current: {context.Storage.Store.CurrentRevision}");
            atRevision = page.Revision;
            foreach (var entry in page.Items)
            {
                startAfter = entry.Key;
                var obj = ObjectStorage.Decode(entry);
                if (!Matches(obj, options))
                    continue;
                result.Add(obj);
                if (options.Limit > 0 && result.Count == options.Limit)
                {
                    var more = page.More || entry != page.Items[^1];
                    return more
                        ? new ListPage(result, atRevision, ContinueToken.Encode(atRevision, entry.Key), null)
                        : new ListPage(result, atRevision, null, null);
                }
            }
            if (!page.More || pageSize == 0)
                return new ListPage(result, atRevision, null, null);
        }
    }

    public static bool Matches(JsonObject obj, ListOptions options) =>
        (options.Labels.IsEmpty || options.Labels.Matches(ObjectMeta.Labels(obj))) &&
        (options.Fields.IsEmpty || options.Fields.Matches(obj));

    public static JsonObject ToListObject(ResourceType type, ListPage page)
    {
        var metadata = new JsonObject { ["resourceVersion"] = page.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
            metadata["continue"] = page.Continue;
        if (page.RemainingItemCount is { } remaining)
            metadata["remainingItemCount"] = remaining;
        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Items]),
        };
    }
}
