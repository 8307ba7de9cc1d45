using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// Taints and tolerations: the TaintToleration filter (NoSchedule and NoExecute must be tolerated), its score
/// (fewer untolerated PreferNoSchedule taints is better) and the NodeUnschedulable filter (spec.unschedulable acts as the
/// node.kubernetes.io/unschedulable:NoSchedule taint). Also used by node lifecycle for NoExecute eviction.
/// </summary>
internal static class Taints
{
    public const string UnschedulableKey = "node.kubernetes.io/unschedulable";
    public const string UnschedulableReason = "node(s) were unschedulable";

    public static IEnumerable<JsonObject> Of(JsonObject node) => node.Obj("spec").Arr("taints").Objects();

    public static FilterStatus FilterUnschedulable(SchedulingPod pod, NodeInfo node)
    {
        if (!node.Node.Obj("spec").Bool("unschedulable"))
            return FilterStatus.Success;
        var taint = new JsonObject { ["key"] = UnschedulableKey, ["effect"] = "NoSchedule" };
        return pod.Tolerations.Any(t => Tolerates(t, taint)) ? FilterStatus.Success : FilterStatus.Unresolvable(UnschedulableReason);
    }

    public static FilterStatus Filter(SchedulingPod pod, NodeInfo node)
    {
        foreach (var taint in Of(node.Node))
        {
            if (taint.Str("effect") is not ("NoSchedule" or "NoExecute"))
                continue;
            if (!pod.Tolerations.Any(t => Tolerates(t, taint)))
                return FilterStatus.Unresolvable($"node(s) had untolerated taint {{{taint.Str("key")}: {taint.Str("value") ?? ""}}}");
        }
        return FilterStatus.Success;
    }

    /// <summary>Raw score: the number of PreferNoSchedule taints the pod does not tolerate (lower is better).</summary>
    public static long CountIntolerablePreferNoSchedule(SchedulingPod pod, NodeInfo node)
    {
        long count = 0;
        foreach (var taint in Of(node.Node))
            if (taint.Str("effect") == "PreferNoSchedule" &&
                !pod.Tolerations.Any(t => t.Str("effect") is null or "" or "PreferNoSchedule" && Tolerates(t, taint)))
                count++;
        return count;
    }

    /// <summary>Kubernetes' ToleratesTaint: matching effect (empty means all), and key/value per the operator.</summary>
    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        var effect = toleration.Str("effect");
        if (!string.IsNullOrEmpty(effect) && effect != taint.Str("effect"))
            return false;
        var key = toleration.Str("key");
        if (!string.IsNullOrEmpty(key) && key != taint.Str("key"))
            return false;
        return (toleration.Str("operator") ?? "Equal") switch
        {
            "Exists" => true,
            "Equal" or "" => !string.IsNullOrEmpty(key) && (toleration.Str("value") ?? "") == (taint.Str("value") ?? ""),
            _ => false,
        };
    }
}
