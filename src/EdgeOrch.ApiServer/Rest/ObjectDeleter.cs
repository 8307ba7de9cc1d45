using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// DELETE: objects with finalizers (and namespaces, and pods running on a node) are marked with a deletionTimestamp and
/// removed by whoever owns the finalizer; everything else goes at once. The propagation policy decides the garbage
/// collector's finalizers first (<see cref="DeletionPropagation"/>): Foreground and Orphan deletes wait for the collector,
/// Background deletes (kubectl's default) go at once. The response carries the object as it was, or as marked.
/// </summary>
public sealed class ObjectDeleter(RestContext context)
{
    public async Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions options, CancellationToken ct)
    {
        DeletionPropagation.Validate(options);
        for (var attempt = 0; ; attempt++)
        {
            var current = await context.Storage.GetAsync(type, ns, name, ct)
                ?? throw ApiException.NotFound(type.GroupResource, name);
            CheckPreconditions(type, name, current, options);
            if (type is { Group: "", Plural: "namespaces" } && name is "default" or "kube-system" or "kube-public")
                throw ApiException.Forbidden(type.GroupResource, name, "this namespace may not be deleted");
            if (options.DryRun)
                return current;

            var finalizers = DeletionPropagation.Finalizers(type, ObjectMeta.Finalizers(current), options);
            // A second delete with grace 0 (the kubelet confirming its pod stopped, or `kubectl delete --force`) of an object that
            // waits only for its grace period completes the deletion now.
            var finishNow = ObjectMeta.IsDeleting(current) && finalizers.Count == 0 && options.GracePeriodSeconds == 0;
            if (ObjectMeta.IsDeleting(current) && !finishNow)
            {
                // Already on its way out: only a change of policy (say Orphan after Foreground) is written.
                var changed = await ChangeFinalizersAsync(type, current, finalizers, ct);
                if (changed is not null)
                    return changed;
            }
            else if (!finishNow && MarkForGracefulDeletion(type, current, options, finalizers) is { } marked)
            {
                var status = await context.Storage.UpdateAsync(type, marked, ObjectStorage.RevisionOf(current), ct);
                if (status == StoreStatus.Ok)
                    return marked;
            }
            else
            {
                var status = await context.Storage.DeleteAsync(type, ns, name, ObjectStorage.RevisionOf(current), ct);
                if (status == StoreStatus.Ok)
                {
                    context.Admission.Committed(new AdmissionRequest(type, AdmissionOperation.Delete, current, current, null));
                    return current;
                }
            }
            if (attempt >= 5)
                throw ApiException.Conflict(type.GroupResource, name);
        }
    }

    /// <summary>Removes an object whose deletion is complete (no finalizers left), whatever its revision.</summary>
    internal async Task RemoveAsync(ResourceType type, JsonObject obj, CancellationToken ct)
    {
        var status = await context.Storage.DeleteAsync(type, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj)!, 0, ct);
        if (status == StoreStatus.Ok)
            context.Admission.Committed(new AdmissionRequest(type, AdmissionOperation.Delete, obj, obj, null));
    }

    /// <summary>For an object already being deleted: writes the finalizers a new delete asked for (completing the delete when
    /// none remain and no grace period runs). Returns the result, or null when the revision moved on (retry).</summary>
    private async Task<JsonObject?> ChangeFinalizersAsync(ResourceType type, JsonObject current, List<string> finalizers, CancellationToken ct)
    {
        if (finalizers.SequenceEqual(ObjectMeta.Finalizers(current)))
            return current;
        var updated = (JsonObject)current.DeepClone();
        ObjectMeta.SetFinalizers(updated, finalizers);
        var status = await context.Storage.UpdateAsync(type, updated, ObjectStorage.RevisionOf(current), ct);
        if (status == StoreStatus.NotFound)
            throw ApiException.NotFound(type.GroupResource, ObjectMeta.Name(current)!);
        if (status != StoreStatus.Ok)
            return null;
        var graceRunning = ObjectMeta.Metadata(updated)["deletionGracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var s) && s > 0;
        if (finalizers.Count == 0 && !graceRunning && type is not { Group: "", Plural: "namespaces" })
            await RemoveAsync(type, updated, ct);
        return updated;
    }

    /// <summary>The object with deletionTimestamp set when it must wait for finalizers or a kubelet; null to delete now.</summary>
    private JsonObject? MarkForGracefulDeletion(ResourceType type, JsonObject current, DeleteOptions options, List<string> finalizers)
    {
        var isNamespace = type is { Group: "", Plural: "namespaces" };
        var grace = GracePeriod(type, current, options);
        if (!isNamespace && finalizers.Count == 0 && grace == 0)
            return null;

        var marked = (JsonObject)current.DeepClone();
        var meta = ObjectMeta.Metadata(marked);
        meta["deletionTimestamp"] = ObjectMeta.Timestamp(context.Now.AddSeconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
        ObjectMeta.SetFinalizers(marked, finalizers);
        if (isNamespace)
        {
            var status = marked["status"] as JsonObject ?? new JsonObject();
            status["phase"] = "Terminating";
            marked["status"] = status;
        }
        return marked;
    }

    // A pod that runs on a node is stopped by that node's agent within its grace period; one that never ran goes at once.
    private static long GracePeriod(ResourceType type, JsonObject current, DeleteOptions options)
    {
        if (type is not { Group: "", Plural: "pods" })
            return 0;
        var nodeName = ObjectMeta.GetString(current["spec"] as JsonObject, "nodeName");
        var phase = ObjectMeta.GetString(current["status"] as JsonObject, "phase");
        if (string.IsNullOrEmpty(nodeName) || phase is "Succeeded" or "Failed")
            return 0;
        if (options.GracePeriodSeconds is { } requested)
            return Math.Max(0, requested);
        return current["spec"]?["terminationGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 30;
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, DeleteOptions options)
    {
        if (options.PreconditionUid is { } uid && uid != ObjectMeta.Uid(current))
            throw ApiException.ConflictMessage(type.GroupResource, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(current)}");
        if (options.PreconditionResourceVersion is { } rv && rv != ObjectMeta.ResourceVersion(current))
            throw ApiException.ConflictMessage(type.GroupResource, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {ObjectMeta.ResourceVersion(current)}");
    }
}
