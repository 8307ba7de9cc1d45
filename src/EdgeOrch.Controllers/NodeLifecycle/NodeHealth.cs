using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>
/// Whether a node is alive: its last heartbeat is the newer of its Lease's renewTime (kube-node-lease) and its Ready
/// condition's lastHeartbeatTime; older than the grace period means the node stopped posting status.
/// </summary>
internal static class NodeHealth
{
    public const string LeaseNamespace = "kube-node-lease";

    public static DateTimeOffset? LastHeartbeat(JsonObject node, JsonObject? lease)
    {
        var renew = JsonRead.ParseTime(lease.Obj("spec").Str("renewTime"));
        var posted = JsonRead.ParseTime(ReadyCondition(node).Str("lastHeartbeatTime"));
        return renew is null ? posted : posted is null ? renew : renew > posted ? renew : posted;
    }

    public static JsonObject? ReadyCondition(JsonObject node) =>
        node.Obj("status").Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == "Ready");

    /// <summary>"True", "False", "Unknown", or null when the node never reported one.</summary>
    public static string? ReadyStatus(JsonObject node) => ReadyCondition(node).Str("status");

    /// <summary>The status patch Kubernetes' node lifecycle controller makes when heartbeats stop: every condition the
    /// kubelet owns becomes Unknown ("Kubelet stopped posting node status."), heartbeat times kept as they were.</summary>
    public static JsonObject? UnknownConditionsPatch(JsonObject node, DateTimeOffset now)
    {
        var conditions = new JsonArray();
        var changed = false;
        var sawReady = false;
        foreach (var c in node.Obj("status").Arr("conditions").Objects())
        {
            var copy = (JsonObject)c.DeepClone();
            sawReady |= c.Str("type") == "Ready";
            if (c.Str("status") != "Unknown")
            {
                copy["status"] = "Unknown";
                copy["reason"] = "NodeStatusUnknown";
                copy["message"] = "Kubelet stopped posting node status.";
                copy["lastTransitionTime"] = JsonRead.Timestamp(now);
                changed = true;
            }
            conditions.Add((JsonNode)copy);
        }
        if (!sawReady)
        {
            conditions.Add((JsonNode)new JsonObject
            {
                ["type"] = "Ready", ["status"] = "Unknown", ["reason"] = "NodeStatusNeverUpdated",
                ["message"] = "Kubelet never posted node status.", ["lastHeartbeatTime"] = JsonRead.Timestamp(now),
                ["lastTransitionTime"] = JsonRead.Timestamp(now),
            });
            changed = true;
        }
        if (!changed)
            return null;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = node.Obj("metadata").Str("resourceVersion") },
            ["status"] = new JsonObject { ["conditions"] = conditions },
        };
    }
}
