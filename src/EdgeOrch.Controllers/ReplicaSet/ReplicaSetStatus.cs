using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>ReplicaSet status as Kubernetes computes it from the pods the set owns (calculateStatus).</summary>
internal sealed record ReplicaSetCounts(long Replicas, long FullyLabeled, long Ready, long Available)
{
    public static ReplicaSetCounts From(JsonObject rs, IReadOnlyList<JsonObject> ownedActivePods, DateTimeOffset now)
    {
        var templateLabels = rs.Obj("spec").Obj("template").Obj("metadata").Obj("labels");
        var minReady = rs.Obj("spec").Int("minReadySeconds") ?? 0;
        long fully = 0, ready = 0, available = 0;
        foreach (var pod in ownedActivePods)
        {
            if (WorkloadJson.HasAllLabels(templateLabels, pod.Labels())) fully++;
            if (!PodState.IsReady(pod)) continue;
            ready++;
            if (PodState.IsAvailable(pod, minReady, now)) available++;
        }
        return new(ownedActivePods.Count, fully, ready, available);
    }

    /// <summary>
    /// The status object to write, or null when nothing changed. The ReplicaFailure condition carries the last create/delete
    /// error (FailedCreate/FailedDelete) and is removed once a sync succeeds. Zero counts are omitted like Go's omitempty.
    /// </summary>
    public JsonObject? NextStatus(JsonObject rs, string? failureReason, string? failureMessage, DateTimeOffset now)
    {
        var current = rs.Obj("status");
        var generation = rs.Generation();
        var conditions = (current.Arr("conditions")?.DeepClone() as JsonArray) ?? [];
        var failure = conditions.Objects().FirstOrDefault(c => c.Str("type") == "ReplicaFailure");
        var conditionsChanged = false;
        if (failureReason is not null && failure is null)
        {
            conditions.Add((JsonNode)new JsonObject
            {
                ["type"] = "ReplicaFailure",
                ["status"] = "True",
                ["lastTransitionTime"] = WorkloadJson.FormatTime(now),
                ["reason"] = failureReason,
                ["message"] = failureMessage,
            });
            conditionsChanged = true;
        }
        else if (failureReason is null && failure is not null)
        {
            conditions.Remove(failure);
            conditionsChanged = true;
        }

        if (!conditionsChanged
            && (current.Int("replicas") ?? 0) == Replicas
            && (current.Int("fullyLabeledReplicas") ?? 0) == FullyLabeled
            && (current.Int("readyReplicas") ?? 0) == Ready
            && (current.Int("availableReplicas") ?? 0) == Available
            && (current.Int("observedGeneration") ?? 0) == generation)
            return null;

        var status = new JsonObject { ["replicas"] = WorkloadJson.Number(Replicas) };
        if (FullyLabeled != 0) status["fullyLabeledReplicas"] = WorkloadJson.Number(FullyLabeled);
        if (Ready != 0) status["readyReplicas"] = WorkloadJson.Number(Ready);
        if (Available != 0) status["availableReplicas"] = WorkloadJson.Number(Available);
        if (generation != 0) status["observedGeneration"] = WorkloadJson.Number(generation);
        if (conditions.Count > 0) status["conditions"] = conditions;
        return status;
    }
}
