using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ServiceAccount;

internal static class NamespaceState
{
    /// <summary>True for a namespace that exists and is not being deleted: only there may new objects be created (the API
    /// server refuses them in a terminating namespace, and recreating them would fight the namespace finalizer).</summary>
    public static bool IsActive(JsonObject? ns) =>
        ns is not null
        && (ns["metadata"] as JsonObject)?["deletionTimestamp"] is null
        && (string?)(ns["status"] as JsonObject)?["phase"] != "Terminating";
}
