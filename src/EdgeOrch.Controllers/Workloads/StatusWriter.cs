using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>Writes a computed status through the status subresource, only when it differs from the cached one.</summary>
internal static class StatusWriter
{
    /// <summary>Returns the updated object, or null when nothing was written (unchanged, or the object is gone).
    /// A Conflict propagates so the key is requeued and recomputed from fresh state.</summary>
    public static async Task<JsonObject?> WriteAsync(ControllerContext context, ResourceType type, JsonObject obj, JsonObject status,
        CancellationToken cancellationToken)
    {
        if (RevisionHash.Canonical(obj["status"]) == RevisionHash.Canonical(status))
            return null;
        var updated = (JsonObject)obj.DeepClone();
        updated["status"] = status;
        try
        {
            return await context.Client.UpdateStatusAsync(type, updated, cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
