using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Patching;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// PUT and PATCH: both compute a new object from the current one and store it against the current revision.
/// A write that changes nothing is answered without touching the store (flash writes are the scarcest resource).
/// </summary>
public sealed class ObjectUpdater(RestContext context, ObjectCreator creator, ObjectDeleter deleter)
{
    private const int PatchRetries = 5;

    /// <summary>Produces the desired object from the current one (a private copy), or from null when it does not exist yet.</summary>
    public delegate JsonObject Mutation(JsonObject? current);

    /// <param name="retryOnConflict">Patches are re-applied to a fresh read when another write won the race (as Kubernetes does);
    /// PUTs carry the client's resourceVersion and must fail instead.</param>
    /// <param name="createIfMissing">Server-side apply creates the object when it does not exist.</param>
    public async Task<JsonObject> UpdateAsync(ResourceType type, string? ns, string name, string? subresource, Mutation mutate,
        WriteOptions options, bool retryOnConflict, bool createIfMissing, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await context.Storage.GetAsync(type, ns, name, ct);
            if (current is null)
            {
                if (!createIfMissing || subresource is not null)
                    throw ApiException.NotFound(type.GroupResource, name);
                var created = mutate(null);
                ObjectChecks.CheckNameMatchesPath(created, name);
                return await creator.CreateAsync(type, ns, created, options, ct);
            }

            var desired = mutate((JsonObject)current.DeepClone());
            ObjectChecks.CheckKind(type, desired);
            ObjectChecks.CheckNameMatchesPath(desired, name);
            ObjectChecks.CheckNamespace(type, desired, ns);
            var currentRevision = ObjectStorage.RevisionOf(current);
            var requested = ObjectMeta.ResourceVersion(desired);
            if (!string.IsNullOrEmpty(requested) && requested != ObjectMeta.ResourceVersion(current))
                throw ApiException.Conflict(type.GroupResource, name);
            if (subresource is null)
                ObjectChecks.CheckUnknownFields(type, desired, options);

            var result = await TryWriteAsync(type, subresource, current, desired, currentRevision, options, ct);
            if (result is not null)
                return result;
            if (!retryOnConflict || attempt >= PatchRetries)
                throw ApiException.Conflict(type.GroupResource, name);
        }
    }

    /// <summary>Null when the store's revision moved on under us.</summary>
    private async Task<JsonObject?> TryWriteAsync(ResourceType type, string? subresource, JsonObject current, JsonObject desired,
        long currentRevision, WriteOptions options, CancellationToken ct)
    {
        var updated = PrepareForUpdate(type, subresource, current, desired);
        ObjectDefaulter.Apply(type, updated);
        var request = new AdmissionRequest(type, AdmissionOperation.Update, updated, current, subresource);
        await context.Admission.MutateAsync(request, ct);
        ObjectChecks.ThrowIfInvalid(type, updated, subresource == "status"
            ? ObjectValidator.ValidateStatusUpdate(type, updated, current)
            : ObjectValidator.ValidateUpdate(type, updated, current));

        if (SameContent(current, updated))
            return current;
        if (subresource is null && ObjectCreator.HasGeneration(type) && SpecChanged(current, updated))
            ObjectMeta.Metadata(updated)["generation"] = ObjectMeta.Generation(current) + 1;
        // Binding is not a field owner in Kubernetes either: it writes spec.nodeName and the PodScheduled condition directly.
        if (!options.IsApply && subresource != "binding")
            ManagedFields.RecordUpdate(current, updated, options.FieldManager, "Update", subresource, context.Now, type);
        if (options.DryRun)
            return updated;

        var status = await context.Storage.UpdateAsync(type, updated, currentRevision, ct);
        if (status == StoreStatus.Conflict)
            return null;
        if (status == StoreStatus.NotFound)
            throw ApiException.NotFound(type.GroupResource, ObjectMeta.Name(current)!);
        context.Admission.Committed(request);

        // The last finalizer of an object being deleted was removed: the delete completes now.
        if (ObjectMeta.IsDeleting(updated) && ObjectMeta.Finalizers(updated).Count == 0)
            await deleter.RemoveAsync(type, updated, ct);
        return updated;
    }

    /// <summary>Carries over what a client cannot change and splits spec from status according to the subresource.</summary>
    private static JsonObject PrepareForUpdate(ResourceType type, string? subresource, JsonObject current, JsonObject desired)
    {
        JsonObject updated;
        if (subresource == "status")
        {
            // A status write changes the status only (plus labels and annotations, which status writers such as nodes keep).
            updated = (JsonObject)current.DeepClone();
            updated["status"] = desired["status"]?.DeepClone();
        }
        else
        {
            updated = desired;
            // Binding sets the PodScheduled condition together with spec.nodeName, in one write.
            if (type.HasStatus && subresource != "binding")
                updated["status"] = current["status"]?.DeepClone();
        }

        var meta = ObjectMeta.Metadata(updated);
        var currentMeta = ObjectMeta.Metadata(current);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
        {
            if (currentMeta[field] is { } value)
                meta[field] = value.DeepClone();
            else
                meta.Remove(field);
        }
        if (updated["status"] is null)
            updated.Remove("status");
        meta["resourceVersion"] = currentMeta["resourceVersion"]?.DeepClone();
        return updated;
    }

    private static bool SpecChanged(JsonObject current, JsonObject updated)
    {
        foreach (var (key, value) in updated)
            if (key is not ("metadata" or "status" or "apiVersion" or "kind") && !JsonNode.DeepEquals(value, current[key]))
                return true;
        foreach (var (key, _) in current)
            if (key is not ("metadata" or "status" or "apiVersion" or "kind") && !updated.ContainsKey(key))
                return true;
        return false;
    }

    /// <summary>Equal apart from managedFields: such a write is a no-op, as in Kubernetes.</summary>
    private static bool SameContent(JsonObject current, JsonObject updated)
    {
        var a = ObjectMeta.Metadata(current)["managedFields"];
        var b = ObjectMeta.Metadata(updated)["managedFields"];
        ObjectMeta.Metadata(current).Remove("managedFields");
        ObjectMeta.Metadata(updated).Remove("managedFields");
        try
        {
            return JsonNode.DeepEquals(current, updated);
        }
        finally
        {
            if (a is not null) ObjectMeta.Metadata(current)["managedFields"] = a;
            if (b is not null) ObjectMeta.Metadata(updated)["managedFields"] = b;
        }
    }
}
