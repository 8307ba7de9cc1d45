using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Patching;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Selectors;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.ApiServer.Tables;
using Microsoft.AspNetCore.Http;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>Turns a resource request (verb + path + query + body) into a REST operation and writes its answer.</summary>
public sealed class ResourceHandler(RestContext context, ObjectCreator creator, ObjectUpdater updater, ObjectDeleter deleter,
    ObjectLister lister, WatchHandler watcher)
{
    /// <summary>The verb, for metrics: Kubernetes' names (get, list, watch, create, update, patch, delete, deletecollection).</summary>
    public static string VerbOf(string method, RequestInfo info, IQueryCollection query) => method switch
    {
        "GET" when info.LegacyWatch || IsTrue(query["watch"]) => "watch",
        "GET" => info.Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => info.Name is null ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };

    public async Task HandleAsync(HttpContext http, RequestInfo info, ResourceType type, string verb)
    {
        var ct = http.RequestAborted;
        if (info.Subresource is { } sub && !IsSupportedSubresource(type, sub))
            throw ApiException.NotFoundPath();
        if (verb is "list" or "watch" or "deletecollection")
            SupportedFieldSelectors.Check(type, ListOptionsFrom(http.Request.Query).Fields);
        switch (verb)
        {
            case "get":
                await RespondObjectAsync(http, type, 200, await GetAsync(type, info, ct));
                break;
            case "list":
                await ListAsync(http, type, info, ct);
                break;
            case "watch":
                await watcher.WatchAsync(http, type, info.Namespace, info.Name, ListOptionsFrom(http.Request.Query), ct);
                break;
            case "create" when info.Subresource == PodBinding.Subresource:
                await BindAsync(http, type, info, ct);
                break;
            case "create":
                await CreateAsync(http, type, info, ct);
                break;
            case "update":
                await UpdateAsync(http, type, info, ct);
                break;
            case "patch":
                await PatchAsync(http, type, info, ct);
                break;
            case "delete":
                await DeleteAsync(http, type, info, ct);
                break;
            case "deletecollection":
                await DeleteCollectionAsync(http, type, info, ct);
                break;
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    private static bool IsSupportedSubresource(ResourceType type, string sub) =>
        (sub == "status" && type.HasStatus) || (sub == "scale" && type.HasScale) || (sub == "finalize" && type.Plural == "namespaces")
        || (sub == PodBinding.Subresource && type is { Group: "", Plural: "pods" });

    private async Task<JsonObject> GetAsync(ResourceType type, RequestInfo info, CancellationToken ct)
    {
        if (info.Name is null)
            throw ApiException.MethodNotAllowed("a name is required");
        var obj = await context.Storage.GetAsync(type, info.Namespace, info.Name, ct)
            ?? throw ApiException.NotFound(type.GroupResource, info.Name);
        return info.Subresource == "scale" ? ScaleSubresource.ToScale(type, obj) : obj;
    }

    private async Task ListAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var page = await lister.ListAsync(type, info.Namespace, ListOptionsFrom(http.Request.Query), ct);
        if (TableBuilder.WantsTable(http.Request.Headers.Accept))
        {
            var options = TableOptionsFrom(http, page.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Continue, page.RemainingItemCount);
            await ResponseWriter.WriteJsonAsync(http, 200, TableBuilder.Build(type, page.Items, options), TableBuilder.ContentType(options.TableVersion));
            return;
        }
        await ResponseWriter.WriteJsonAsync(http, 200, ObjectLister.ToListObject(type, page));
    }

    private async Task CreateAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        if (info.Name is not null && info.Subresource is null)
            throw ApiException.MethodNotAllowed("POST is not allowed on a named resource");
        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(http.Request, ct), http.Request.ContentType);
        var options = WriteOptionsFrom(http);
        var created = await creator.CreateAsync(type, info.Namespace, body, options, ct);
        ResponseWriter.AddWarnings(http, options.Warnings);
        await RespondObjectAsync(http, type, options.DryRun ? 200 : 201, created);
    }

    /// <summary>POST pods/NAME/binding: assigns the pod to a node (see <see cref="PodBinding"/>); answers a Success Status.</summary>
    private async Task BindAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var name = info.Name ?? throw ApiException.MethodNotAllowed("a name is required");
        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(http.Request, ct), http.Request.ContentType);
        var node = PodBinding.TargetNode(body, name);
        var annotations = (body["metadata"] as JsonObject)?["annotations"] as JsonObject;
        var options = WriteOptionsFrom(http);
        await updater.UpdateAsync(type, info.Namespace, name, PodBinding.Subresource, PodBinding.Assign(name, node, annotations, context.Now),
            options, retryOnConflict: true, createIfMissing: false, ct);
        var status = Http.StatusObject.Success();
        status["code"] = 201;
        await ResponseWriter.WriteJsonAsync(http, 201, status);
    }

    private async Task UpdateAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var name = info.Name ?? throw ApiException.MethodNotAllowed("PUT requires a name");
        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(http.Request, ct), http.Request.ContentType);
        var options = WriteOptionsFrom(http);
        ObjectUpdater.Mutation mutate = info.Subresource == "scale"
            ? current => ScaleSubresource.Apply(type, current ?? throw ApiException.NotFound(type.GroupResource, name), body)
            : _ => body;
        var subresource = info.Subresource == "scale" ? null : info.Subresource;
        var updated = await updater.UpdateAsync(type, info.Namespace, name, subresource, mutate, options, retryOnConflict: false, createIfMissing: false, ct);
        ResponseWriter.AddWarnings(http, options.Warnings);
        await RespondObjectAsync(http, type, 200, info.Subresource == "scale" ? ScaleSubresource.ToScale(type, updated) : updated);
    }

    private async Task PatchAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var name = info.Name ?? throw ApiException.MethodNotAllowed("PATCH requires a name");
        var bytes = await RequestBody.ReadBytesAsync(http.Request, ct);
        var media = RequestBody.MediaType(http.Request.ContentType);
        var isApply = media.StartsWith("application/apply-patch", StringComparison.Ordinal);
        var options = WriteOptionsFrom(http) with { IsApply = isApply };
        if (isApply && string.IsNullOrEmpty(http.Request.Query["fieldManager"]))
            throw ApiException.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        if (media == "application/strategic-merge-patch+json" && !StrategicMergePatch.SupportsStrategicMerge(type))
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

        var patch = RequestBody.Parse(bytes, isApply ? "application/yaml" : "application/json")
            ?? throw ApiException.BadRequest("the patch is empty");
        var scale = info.Subresource == "scale";
        var subresource = scale ? null : info.Subresource;
        var mutation = PatchMutations.For(media, patch, type, name, options, context.Now, scale);
        var updated = await updater.UpdateAsync(type, info.Namespace, name, subresource, mutation, options,
            retryOnConflict: true, createIfMissing: isApply, ct);
        ResponseWriter.AddWarnings(http, options.Warnings);
        await RespondObjectAsync(http, type, 200, scale ? ScaleSubresource.ToScale(type, updated) : updated);
    }

    private async Task DeleteAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadBytesAsync(http.Request, ct);
        var body = bytes.Length == 0 ? null : RequestBody.ParseObject(bytes, http.Request.ContentType);
        var options = DeleteOptions.From(body, key => http.Request.Query[key].FirstOrDefault());
        var deleted = await deleter.DeleteAsync(type, info.Namespace, info.Name!, options, ct);
        await RespondObjectAsync(http, type, 200, deleted);
    }

    private async Task DeleteCollectionAsync(HttpContext http, ResourceType type, RequestInfo info, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadBytesAsync(http.Request, ct);
        var body = bytes.Length == 0 ? null : RequestBody.ParseObject(bytes, http.Request.ContentType);
        var options = DeleteOptions.From(body, key => http.Request.Query[key].FirstOrDefault());
        var page = await lister.ListAsync(type, info.Namespace, ListOptionsFrom(http.Request.Query) with { Limit = 0, Continue = null }, ct);
        var deleted = new List<JsonObject>();
        foreach (var item in page.Items)
        {
            try
            {
                deleted.Add(await deleter.DeleteAsync(type, ObjectMeta.Namespace(item), ObjectMeta.Name(item)!, options, ct));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile by someone else: the collection is still gone.
            }
        }
        await ResponseWriter.WriteJsonAsync(http, 200, ObjectLister.ToListObject(type, page with { Items = deleted }));
    }

    private async Task RespondObjectAsync(HttpContext http, ResourceType type, int code, JsonObject obj)
    {
        if (TableBuilder.WantsTable(http.Request.Headers.Accept) && obj["kind"]?.GetValue<string>() == type.Kind)
        {
            var options = TableOptionsFrom(http, ObjectMeta.ResourceVersion(obj), null, null);
            await ResponseWriter.WriteJsonAsync(http, code, TableBuilder.BuildSingle(type, obj, options), TableBuilder.ContentType(options.TableVersion));
            return;
        }
        await ResponseWriter.WriteJsonAsync(http, code, obj);
    }

    private TableOptions TableOptionsFrom(HttpContext http, string? rv, string? cont, long? remaining) =>
        TableOptionsFor(http, context.Now) with { ResourceVersion = rv, Continue = cont, RemainingItemCount = remaining };

    /// <summary>The Table shape the request asks for (?includeObject=, ?noHeaders=, the negotiated meta.k8s.io version).</summary>
    internal static TableOptions TableOptionsFor(HttpContext http, DateTimeOffset now)
    {
        var include = http.Request.Query["includeObject"].FirstOrDefault() ?? TableOptions.IncludeMetadata;
        if (!TableOptions.IsValidIncludeObject(include))
            throw ApiException.BadRequest($"includeObject must be one of None, Metadata or Object, not \"{include}\"");
        return new TableOptions
        {
            IncludeObjectPolicy = include,
            Now = now,
            TableVersion = TableBuilder.NegotiateTableVersion(http.Request.Headers.Accept) ?? "v1",
            NoHeaders = http.Request.Query["noHeaders"].FirstOrDefault() == "true",
        };
    }

    internal static ListOptions ListOptionsFrom(IQueryCollection query)
    {
        try
        {
            return new ListOptions(
                LabelSelector.Parse(query["labelSelector"]),
                FieldSelector.Parse(query["fieldSelector"]),
                query["resourceVersion"].FirstOrDefault(),
                query["resourceVersionMatch"].FirstOrDefault(),
                int.TryParse(query["limit"], out var limit) ? Math.Max(0, limit) : 0,
                query["continue"].FirstOrDefault());
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    private static WriteOptions WriteOptionsFrom(HttpContext http)
    {
        var query = http.Request.Query;
        var manager = query["fieldManager"].FirstOrDefault();
        if (string.IsNullOrEmpty(manager))
        {
            // Kubernetes names an unnamed writer after its user agent's program name ("kubectl/v1.32 ..." -> "kubectl").
            var agent = http.Request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/');
            manager = slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
        }
        var validation = query["fieldValidation"].FirstOrDefault() switch
        {
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            null or "" or "Warn" => FieldValidation.Warn,
            var other => throw ApiException.BadRequest($"fieldValidation must be one of Ignore, Warn or Strict, not \"{other}\""),
        };
        return new WriteOptions(manager, query["dryRun"].Count > 0, validation, IsTrue(query["force"]));
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && (value[0] is "true" or "1" or "");
}
