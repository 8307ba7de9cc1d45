using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Deployment conditions and their reasons, with Kubernetes' update rules (SetDeploymentCondition).</summary>
internal static class DeploymentConditions
{
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    public static JsonObject? Get(JsonObject? status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static JsonObject New(string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = WorkloadJson.FormatTime(now),
        ["lastTransitionTime"] = WorkloadJson.FormatTime(now),
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>
    /// Same status and reason: nothing changes (not even lastUpdateTime). Same status, other reason: replaced but keeps
    /// lastTransitionTime. Otherwise replaced. The changed condition moves to the end, as in Kubernetes.
    /// </summary>
    public static void Set(JsonObject status, JsonObject condition)
    {
        var current = Get(status, condition.Str("type")!);
        if (current is not null && current.Str("status") == condition.Str("status") && current.Str("reason") == condition.Str("reason"))
            return;
        if (current is not null && current.Str("status") == condition.Str("status"))
            condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
        Remove(status, condition.Str("type")!);
        var conditions = status["conditions"] as JsonArray;
        if (conditions is null)
        {
            conditions = [];
            status["conditions"] = conditions;
        }
        conditions.Add((JsonNode)condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray conditions) return;
        for (var i = conditions.Count - 1; i >= 0; i--)
            if (conditions[i] is JsonObject c && c.Str("type") == type)
                conditions.RemoveAt(i);
        if (conditions.Count == 0) status.Remove("conditions");
    }
}
