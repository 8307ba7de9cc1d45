using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Handlers;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Patching;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Selectors;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeOrch.ApiServer.Client;

/// <summary>
/// The API for code inside `edgeorch server` (controllers): the same REST operations the HTTP layer calls (defaulting,
/// admission, validation, managedFields, optimistic concurrency), without HTTP, TLS or serialization. Objects passed in
/// are copied, never changed; objects returned by writes are re-parsed, so numbers read the same as over HTTP
/// ((long?)generation works whatever CLR type the server used). Errors come out as <see cref="ApiClientException"/> like they would over HTTP.
/// </summary>
public sealed class InProcessApiClient(RestContext context, ObjectCreator creator, ObjectUpdater updater, ObjectDeleter deleter,
    ObjectLister lister, string fieldManager = InProcessApiClient.DefaultFieldManager) : IApiClient
{
    public const string DefaultFieldManager = "edgeorch-controller";

    /// <summary>Builds the client from the API server's services (after ApiServerHost.Build).</summary>
    public static InProcessApiClient FromServices(IServiceProvider services, string fieldManager = DefaultFieldManager) => new(
        services.GetRequiredService<RestContext>(),
        services.GetRequiredService<ObjectCreator>(),
        services.GetRequiredService<ObjectUpdater>(),
        services.GetRequiredService<ObjectDeleter>(),
        services.GetRequiredService<ObjectLister>(),
        fieldManager);

    public string FieldManager { get; } = fieldManager;

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        Call(async () => await context.Storage.GetAsync(type, Scope(type, ns), name, cancellationToken));

    public Task<ObjectList> ListAsync(ResourceType type, string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken cancellationToken = default) =>
        Call(async () =>
        {
            var page = await lister.ListAsync(type, Scope(type, ns), Options(labelSelector, fieldSelector), cancellationToken);
            return new ObjectList(page.Items, page.Revision.ToString(CultureInfo.InvariantCulture));
        });

    public async IAsyncEnumerable<ApiWatchEvent> WatchAsync(ResourceType type, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ns = Scope(type, ns);
        var options = ListOptions.All;
        long after;
        var initial = new List<JsonObject>();
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            // As over HTTP: a watch without a version starts with the current objects as ADDED.
            var page = await Call(() => lister.ListAsync(type, ns, options, cancellationToken));
            initial = page.Items;
            after = page.Revision;
        }
        else if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ApiClientException(400, "BadRequest", $"invalid resource version: \"{resourceVersion}\"");
        }

        foreach (var item in initial)
            yield return new ApiWatchEvent("ADDED", item);

        using var stream = context.Storage.Store.Watch(type.NamespacePrefix(ns), after);
        var reader = stream.Events;
        var last = after;
        while (await WaitAsync(reader, cancellationToken))
        {
            while (reader.TryRead(out var e))
            {
                last = e.Entry.Revision;
                var (eventType, obj) = WatchTranslator.Translate(e, options);
                if (eventType is not null)
                    yield return new ApiWatchEvent(eventType, obj!);
            }
        }
        if (stream.Error == StoreStatus.Compacted)
            yield return new ApiWatchEvent("ERROR",
                ApiException.Gone($"too old resource version: {last} ({context.Storage.Store.CompactedRevision})").ToStatus());
    }

    public Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Written(() =>
        {
            var body = (JsonObject)obj.DeepClone();
            var ns = NamespaceOf(type, body);
            return creator.CreateAsync(type, ns, body, Write(), cancellationToken);
        });

    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Replace(type, obj, null, cancellationToken);

    public Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Replace(type, obj, "status", cancellationToken);

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch,
        string? subresource = null, CancellationToken cancellationToken = default) =>
        Written(() =>
        {
            var media = patchType switch
            {
                PatchType.Json => "application/json-patch+json",
                PatchType.Merge => "application/merge-patch+json",
                _ => "application/strategic-merge-patch+json",
            };
            if (patchType == PatchType.StrategicMerge && !StrategicMergePatch.SupportsStrategicMerge(type))
                throw new ApiException(415, "UnsupportedMediaType", $"strategic merge patch is not supported for {type.GroupResource}");
            var options = Write();
            var scale = subresource == "scale";
            var mutation = PatchMutations.For(media, patch.DeepClone(), type, name, options, context.Now, scale);
            return updater.UpdateAsync(type, Scope(type, ns), name, scale ? null : subresource, mutation, options,
                retryOnConflict: true, createIfMissing: false, cancellationToken);
        });

    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        string? preconditionUid = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call(() => deleter.DeleteAsync(type, Scope(type, ns), name,
                new DeleteOptions(gracePeriodSeconds, propagationPolicy, preconditionUid, null, false), cancellationToken));
            return true;
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private Task<JsonObject> Replace(ResourceType type, JsonObject obj, string? subresource, CancellationToken cancellationToken) =>
        Written(() =>
        {
            var body = (JsonObject)obj.DeepClone();
            var name = (string?)body["metadata"]?["name"] ?? throw ApiException.BadRequest("metadata.name is required");
            var ns = NamespaceOf(type, body);
            return updater.UpdateAsync(type, ns, name, subresource, _ => body, Write(),
                retryOnConflict: false, createIfMissing: false, cancellationToken);
        });

    /// <summary>The object's namespace; "default" when a namespaced object names none (as over HTTP with kubectl's default).</summary>
    private static string? NamespaceOf(ResourceType type, JsonObject obj) =>
        type.Namespaced ? (string?)obj["metadata"]?["namespace"] is { Length: > 0 } ns ? ns : "default" : null;

    private WriteOptions Write() => new(FieldManager, false, FieldValidation.Ignore);

    private static string? Scope(ResourceType type, string? ns) => type.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;

    private static ListOptions Options(string? labelSelector, string? fieldSelector)
    {
        try
        {
            return ListOptions.All with { Labels = LabelSelector.Parse(labelSelector), Fields = FieldSelector.Parse(fieldSelector) };
        }
        catch (FormatException e)
        {
            throw new ApiClientException(400, "BadRequest", e.Message);
        }
    }

    private static async ValueTask<bool> WaitAsync(System.Threading.Channels.ChannelReader<WatchEvent> reader, CancellationToken ct)
    {
        try
        {
            return await reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false; // a cancelled watch simply ends, as IApiClient promises
        }
    }

    /// <summary>A write's result as a client would receive it: parsed JSON, not the server's in-memory values.</summary>
    private static async Task<JsonObject> Written(Func<Task<JsonObject>> operation) =>
        JsonBytes.ParseObject(JsonBytes.Serialize(await Call(operation)));

    /// <summary>Runs a REST operation, turning the server's errors into the client's.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (ApiException e)
        {
            throw new ApiClientException(e.Code, e.Reason, e.Message);
        }
    }
}
