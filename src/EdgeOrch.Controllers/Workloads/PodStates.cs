using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>How the workload controllers read a pod's state (podutil.IsPodReady / IsPodAvailable and friends).</summary>
internal static class PodStates
{
    public static string Phase(JsonObject pod) => pod.Obj("status").Str("phase") ?? "Pending";

    public static bool IsSucceeded(JsonObject pod) => Phase(pod) == "Succeeded";

    public static bool IsFailed(JsonObject pod) => Phase(pod) == "Failed";

    /// <summary>Succeeded or Failed: the pod will not run again.</summary>
    public static bool IsTerminal(JsonObject pod) => IsSucceeded(pod) || IsFailed(pod);

    public static bool IsTerminating(JsonObject pod) => Objects.IsDeleting(pod);

    /// <summary>Neither finished nor being deleted.</summary>
    public static bool IsActive(JsonObject pod) => !IsTerminal(pod) && !IsTerminating(pod);

    public static JsonObject? Condition(JsonObject pod, string type) =>
        pod.Obj("status").Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static bool IsReady(JsonObject pod) => Condition(pod, "Ready").Str("status") == "True";

    public static bool IsRunningAndReady(JsonObject pod) => Phase(pod) == "Running" && IsReady(pod);

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> (measured from the Ready condition's transition).</summary>
    public static bool IsAvailable(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod) || IsTerminating(pod)) return false;
        if (minReadySeconds <= 0) return true;
        var since = Objects.Timestamp(Condition(pod, "Ready"), "lastTransitionTime");
        return since is { } t && t.AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When a ready pod becomes available, or null when it is not ready or already available.</summary>
    public static DateTimeOffset? AvailableAt(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (minReadySeconds <= 0 || !IsReady(pod)) return null;
        var since = Objects.Timestamp(Condition(pod, "Ready"), "lastTransitionTime");
        return since is { } t && t.AddSeconds(minReadySeconds) > now ? t.AddSeconds(minReadySeconds) : null;
    }
}
