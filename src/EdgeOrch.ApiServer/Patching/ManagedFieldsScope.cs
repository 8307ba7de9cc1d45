using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Which part of an object field ownership covers. Identity and server-set metadata are never owned (Kubernetes strips
/// them before tracking), and a write through one endpoint only owns what that endpoint may change: the main resource does
/// not own status when a status subresource exists, the status subresource owns only status.
/// </summary>
internal static class ManagedFieldsScope
{
    private static readonly string[] StrippedMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    public static JsonObject Strip(JsonObject obj, bool hasStatusSubresource, string? subresource)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("apiVersion");
        copy.Remove("kind");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var name in StrippedMetadata) metadata.Remove(name);
            if (metadata.Count == 0) copy.Remove("metadata");
        }

        if (subresource == "status")
        {
            var onlyStatus = new JsonObject();
            if (copy["status"] is { } status) onlyStatus["status"] = status.DeepClone();
            return onlyStatus;
        }

        if (hasStatusSubresource && subresource is null) copy.Remove("status");
        return copy;
    }
}
