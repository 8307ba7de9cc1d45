using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>Pod predicates as Kubernetes' pod utilities define them (IsPodActive, IsPodReady, IsPodAvailable).</summary>
internal static class PodState
{
    public static string Phase(JsonObject pod) => pod.Obj("status").Str("phase") ?? "";

    /// <summary>Counts toward a controller's replicas: not finished and not being deleted.</summary>
    public static bool IsActive(JsonObject pod) =>
        Phase(pod) is not ("Succeeded" or "Failed") && !pod.IsDeleting();

    public static JsonObject? ReadyCondition(JsonObject pod) =>
        pod.Obj("status").Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == "Ready");

    public static bool IsReady(JsonObject pod) => ReadyCondition(pod)?.Str("status") == "True";

    /// <summary>When the pod last became Ready, if it is Ready.</summary>
    public static DateTimeOffset? ReadySince(JsonObject pod) =>
        ReadyCondition(pod) is { } c && c.Str("status") == "True" ? WorkloadJson.ParseTime(c.Str("lastTransitionTime")) : null;

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> (strictly before now, as Kubernetes compares).</summary>
    public static bool IsAvailable(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod)) return false;
        if (minReadySeconds <= 0) return true;
        return ReadySince(pod) is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    public static string? NodeName(JsonObject pod) => pod.Obj("spec").Str("nodeName") is { Length: > 0 } n ? n : null;

    public static long MaxRestarts(JsonObject pod)
    {
        long max = 0;
        foreach (var s in pod.Obj("status").Arr("containerStatuses").Objects())
            max = Math.Max(max, s.Int("restartCount") ?? 0);
        return max;
    }
}
