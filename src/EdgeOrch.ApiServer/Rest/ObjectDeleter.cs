using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// DELETE: objects with finalizers (and namespaces, and pods running on a node) are marked with a deletionTimestamp and
/// removed by whoever owns the finalizer; everything else goes at once. The response carries the object as it was.
/// </summary>
public sealed class ObjectDeleter(RestContext context)
{
    public async Task<JsonObject> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions options, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await context.Storage.GetAsync(type, ns, name, ct)
                ?? throw ApiException.NotFound(type.GroupResource, name);
            CheckPreconditions(type, name, current, options);
            if (options.DryRun)
                return current;

            var marked = MarkForGracefulDeletion(type, current, options);
            if (marked is not null)
            {
                if (ObjectMeta.IsDeleting(current))
                    return current;
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

    /// <summary>The object with deletionTimestamp set when it must wait for finalizers or a kubelet; null to delete now.</summary>
    private JsonObject? MarkForGracefulDeletion(ResourceType type, JsonObject current, DeleteOptions options)
    {
        var isNamespace = type is { Group: "", Plural: "namespaces" };
        var finalizers = ObjectMeta.Finalizers(current);
        var grace = GracePeriod(type, current, options);
        if (!isNamespace && finalizers.Count == 0 && grace == 0)
            return null;

        var marked = (JsonObject)current.DeepClone();
        var meta = ObjectMeta.Metadata(marked);
        meta["deletionTimestamp"] = ObjectMeta.Timestamp(context.Now.AddSeconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
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
