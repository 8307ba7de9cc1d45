using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>
/// The condition taints Kubernetes keeps on nodes: node.kubernetes.io/not-ready when Ready=False and
/// node.kubernetes.io/unreachable when Ready=Unknown, each as NoSchedule (keeps new pods away) and NoExecute (evicts
/// pods per their tolerations). Other taints on the node are left alone.
/// </summary>
internal static class NodeTaints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>The condition taint key for a Ready status, or null for a ready node.</summary>
    public static string? KeyFor(string? readyStatus) => readyStatus switch
    {
        "True" => null,
        "False" => NotReady,
        _ => Unreachable,
    };

    /// <summary>The node's taints with the condition taints made to match <paramref name="wanted"/> (null: none);
    /// existing matching taints keep their timeAdded so eviction deadlines do not move. Null when nothing changes.</summary>
    public static JsonArray? Reconcile(JsonObject node, string? wanted, bool withNoExecute, DateTimeOffset now)
    {
        var current = Scheduler.Taints.Of(node).ToList();
        var result = new JsonArray();
        var changed = false;
        foreach (var taint in current)
        {
            var key = taint.Str("key");
            var isCondition = key is NotReady or Unreachable;
            var keep = !isCondition || (key == wanted && (taint.Str("effect") == "NoSchedule" || withNoExecute));
            if (keep)
                result.Add(taint.DeepClone());
            else
                changed = true;
        }
        if (wanted is not null)
        {
            foreach (var effect in withNoExecute ? new[] { "NoSchedule", "NoExecute" } : ["NoSchedule"])
            {
                if (current.Any(t => t.Str("key") == wanted && t.Str("effect") == effect))
                    continue;
                var taint = new JsonObject { ["key"] = wanted, ["effect"] = effect };
                if (effect == "NoExecute")
                    taint["timeAdded"] = JsonRead.Timestamp(now);
                result.Add((JsonNode)taint);
                changed = true;
            }
        }
        return changed ? result : null;
    }
}
