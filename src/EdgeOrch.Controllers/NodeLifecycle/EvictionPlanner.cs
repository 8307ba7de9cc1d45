using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>
/// Kubernetes' taint-based eviction for one pod: a NoExecute taint it does not tolerate evicts it now; tolerations with
/// tolerationSeconds evict it that long after the taint was added (the shortest wins); tolerating forever keeps it.
/// </summary>
internal static class EvictionPlanner
{
    /// <summary>When the pod must go (now or later), or null when it may stay.</summary>
    public static DateTimeOffset? EvictionTime(JsonObject pod, IReadOnlyList<JsonObject> noExecuteTaints, DateTimeOffset now)
    {
        DateTimeOffset? due = null;
        var tolerations = pod.Obj("spec").Arr("tolerations").Objects().ToList();
        foreach (var taint in noExecuteTaints)
        {
            var matching = tolerations.Where(t => Scheduler.Taints.Tolerates(t, taint)).ToList();
            if (matching.Count == 0)
                return now;
            if (matching.Any(t => t.Long("tolerationSeconds") is null))
                continue;
            var seconds = Math.Max(0, matching.Min(t => t.Long("tolerationSeconds")!.Value));
            var added = JsonRead.ParseTime(taint.Str("timeAdded")) ?? now;
            var at = added + TimeSpan.FromSeconds(seconds);
            if (due is null || at < due)
                due = at;
        }
        return due;
    }
}
