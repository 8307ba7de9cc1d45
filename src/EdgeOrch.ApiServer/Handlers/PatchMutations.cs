using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Patching;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>Maps a PATCH's content type onto the function that computes the patched object from the current one.</summary>
public static class PatchMutations
{
    public static ObjectUpdater.Mutation For(string mediaType, JsonNode patch, ResourceType type, string name, WriteOptions options,
        DateTimeOffset now, bool scale)
    {
        Func<JsonObject, JsonObject> apply = mediaType switch
        {
            "application/json-patch+json" => current => AsObject(JsonPatch.Apply(current, patch as JsonArray
                ?? throw ApiException.BadRequest("a JSON patch must be a JSON array of operations"))),
            "application/merge-patch+json" => current => AsObject(MergePatch.Apply(current, patch)),
            "application/strategic-merge-patch+json" => current => StrategicMergePatch.Apply(current, RequireObject(patch), type),
            _ when mediaType.StartsWith("application/apply-patch", StringComparison.Ordinal) => null!,
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };

        if (mediaType.StartsWith("application/apply-patch", StringComparison.Ordinal))
            return current => ServerSideApplyMutation(type, name, current, RequireObject(patch), options, now);

        return current =>
        {
            if (current is null)
                throw ApiException.NotFound(type.GroupResource, name);
            try
            {
                if (!scale)
                    return apply(current);
                var patchedScale = apply(ScaleSubresource.ToScale(type, current));
                return ScaleSubresource.Apply(type, current, patchedScale);
            }
            catch (PatchException e)
            {
                throw new ApiException(422, "Invalid", e.Message);
            }
        };
    }

    private static JsonObject ServerSideApplyMutation(ResourceType type, string name, JsonObject? current, JsonObject applied,
        WriteOptions options, DateTimeOffset now)
    {
        var result = ServerSideApply.Apply(current, (JsonObject)applied.DeepClone(), options.FieldManager, options.Force, type, now);
        if (result.Conflicts.Count > 0)
            throw ApiException.ConflictMessage(type.GroupResource, name, ServerSideApply.FormatConflicts(result.Conflicts));
        return result.Object ?? throw ApiException.BadRequest("server-side apply produced no object");
    }

    private static JsonObject RequireObject(JsonNode patch) =>
        patch as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object");

    private static JsonObject AsObject(JsonNode? node) =>
        node as JsonObject ?? throw new PatchException("the patched document is not an object");
}
