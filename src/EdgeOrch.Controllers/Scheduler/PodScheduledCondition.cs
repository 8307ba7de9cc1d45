using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>The PodScheduled=False condition (reason Unschedulable) Kubernetes puts on a pod that fits nowhere.</summary>
internal static class PodScheduledCondition
{
    public const string Type = "PodScheduled";
    public const string Unschedulable = "Unschedulable";

    /// <summary>True when the pod already says exactly this (no write needed).</summary>
    public static bool IsCurrent(JsonObject pod, string message, string? nominatedNode)
    {
        var status = pod.Obj("status");
        var current = status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == Type);
        return current is not null && current.Str("status") == "False" && current.Str("reason") == Unschedulable &&
               current.Str("message") == message && (nominatedNode is null || status.Str("nominatedNodeName") == nominatedNode);
    }

    /// <summary>A merge patch for the status subresource: the whole conditions list with PodScheduled replaced (a merge
    /// patch replaces lists, and nothing else writes conditions of an unscheduled pod), plus nominatedNodeName.</summary>
    public static JsonObject Patch(JsonObject pod, string message, string? nominatedNode, DateTimeOffset now)
    {
        var conditions = new JsonArray();
        string? since = null;
        foreach (var c in pod.Obj("status").Arr("conditions").Objects())
        {
            if (c.Str("type") == Type)
            {
                if (c.Str("status") == "False") since = c.Str("lastTransitionTime");
                continue;
            }
            conditions.Add(c.DeepClone());
        }
        conditions.Add((JsonNode)new JsonObject
        {
            ["type"] = Type,
            ["status"] = "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since ?? JsonRead.Timestamp(now),
            ["reason"] = Unschedulable,
            ["message"] = message,
        });
        var status = new JsonObject { ["conditions"] = conditions };
        if (nominatedNode is not null)
            status["nominatedNodeName"] = nominatedNode;
        return new JsonObject { ["status"] = status };
    }
}
