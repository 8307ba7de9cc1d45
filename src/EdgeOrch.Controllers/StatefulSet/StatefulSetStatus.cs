using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.StatefulSet;

/// <summary>Computes StatefulSetStatus from the set's pods, as the Kubernetes controller counts them.</summary>
internal static class StatefulSetStatus
{
    public static JsonObject Compute(JsonObject set, IReadOnlyList<JsonObject> pods, string currentRevision, string updateRevision,
        long collisionCount, DateTimeOffset now)
    {
        var spec = set.Obj("spec");
        var minReady = spec.Int("minReadySeconds") ?? 0;
        long replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
        foreach (var pod in pods)
        {
            replicas++;
            if (PodStates.IsRunningAndReady(pod))
            {
                ready++;
                if (PodStates.IsAvailable(pod, minReady, now)) available++;
            }
            if (PodStates.IsTerminating(pod)) continue;
            var revision = Objects.Label(pod, Revisions.HashLabel);
            if (revision == currentRevision) current++;
            if (revision == updateRevision) updated++;
        }

        // A finished rolling update makes the update revision current (completeRollingUpdate).
        if (spec.Obj("updateStrategy").Str("type") is null or "RollingUpdate" && updated == replicas && ready == replicas)
        {
            currentRevision = updateRevision;
            current = updated;
        }

        var status = set.Obj("status")?.DeepClone() as JsonObject ?? [];
        status["observedGeneration"] = Objects.Number(Objects.Generation(set));
        status["replicas"] = Objects.Number(replicas);
        status["readyReplicas"] = Objects.Number(ready);
        status["currentReplicas"] = Objects.Number(current);
        status["updatedReplicas"] = Objects.Number(updated);
        status["availableReplicas"] = Objects.Number(available);
        status["currentRevision"] = currentRevision;
        status["updateRevision"] = updateRevision;
        status["collisionCount"] = Objects.Number(collisionCount);
        return status;
    }

    /// <summary>The earliest moment a ready pod turns available (minReadySeconds), to look again then.</summary>
    public static TimeSpan? NextAvailableCheck(JsonObject set, IEnumerable<JsonObject> pods, DateTimeOffset now)
    {
        var minReady = set.Obj("spec").Int("minReadySeconds") ?? 0;
        var next = pods.Select(p => PodStates.AvailableAt(p, minReady, now)).Where(t => t is not null).Min();
        return next is { } t ? t - now : null;
    }
}
