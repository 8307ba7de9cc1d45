using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// Kubernetes' DefaultPreemption, without disruption budgets: on each node that failed for a reason preemption can fix,
/// remove every lower-priority pod, check the pod fits, then give back as many of them as possible (most important
/// first); among the nodes that work, take the one whose victims matter least.
/// </summary>
internal static class Preemption
{
    public const string NotHelpful = "Preemption is not helpful for scheduling";
    public const string NoVictims = "No preemption victims found for incoming pod";

    public readonly record struct Outcome(string? Message, PreemptionPlan? Plan);

    public static Outcome Find(SchedulingPod pod, SchedulerCache cache, IReadOnlyDictionary<string, FilterStatus> failed,
        InterPodAffinity affinity)
    {
        if (pod.Spec.Str("preemptionPolicy") == "Never")
            return new Outcome("preemption: not eligible due to preemptionPolicy=Never.", null);
        if (HasTerminatingVictimOnNominatedNode(pod, cache))
            return new Outcome("preemption: not eligible due to a terminating pod on the nominated node.", null);

        var reasons = new List<IReadOnlyList<string>>();
        var candidates = new List<(NodeInfo Node, List<JsonObject> Victims)>();
        foreach (var node in cache.Nodes)
        {
            if (!failed.TryGetValue(node.Name, out var status))
                continue;
            if (status.Code == FilterCode.UnschedulableAndUnresolvable)
            {
                reasons.Add([NotHelpful]);
                continue;
            }
            var victims = SelectVictims(pod, node, affinity);
            if (victims is null)
                reasons.Add([NoVictims]);
            else
                candidates.Add((node, victims));
        }

        if (candidates.Count == 0)
            return new Outcome("preemption: " + FitError.Message(failed.Count, reasons, null), null);
        var best = Pick(candidates);
        return new Outcome(null, new PreemptionPlan(best.Node.Name, best.Victims));
    }

    /// <summary>The fewest, least important pods whose removal lets the pod fit on the node; null when none does.</summary>
    internal static List<JsonObject>? SelectVictims(SchedulingPod pod, NodeInfo node, InterPodAffinity affinity)
    {
        var trial = node.Clone();
        var potential = trial.Pods.Where(p => SchedulingPod.PriorityOf(p) < pod.Priority).ToList();
        if (potential.Count == 0)
            return null;
        foreach (var victim in potential)
            trial.RemovePod(JsonRead.Key(victim));
        if (!SchedulingAlgorithm.RunFilters(pod, trial, affinity).IsSuccess)
            return null;

        // Reprieve the most important pods first: higher priority, then the ones running longest.
        potential.Sort(MoreImportantFirst);
        var victims = new List<JsonObject>();
        foreach (var candidate in potential)
        {
            var key = JsonRead.Key(candidate);
            trial.AddPod(key, candidate);
            if (!SchedulingAlgorithm.RunFilters(pod, trial, affinity).IsSuccess)
            {
                trial.RemovePod(key);
                victims.Add(candidate);
            }
        }
        return victims;
    }

    /// <summary>Kubernetes' pickOneNodeForPreemption minus the budget rule: lowest highest-victim priority, then lowest sum of
    /// priorities, then fewest victims, then the node whose most important victims started last.</summary>
    private static (NodeInfo Node, List<JsonObject> Victims) Pick(List<(NodeInfo Node, List<JsonObject> Victims)> candidates) =>
        candidates
            .OrderBy(c => c.Victims.Count == 0 ? long.MinValue : c.Victims.Max(SchedulingPod.PriorityOf))
            .ThenBy(c => c.Victims.Sum(SchedulingPod.PriorityOf))
            .ThenBy(c => c.Victims.Count)
            .ThenByDescending(c => EarliestStartOfMostImportant(c.Victims))
            .First();

    private static DateTimeOffset EarliestStartOfMostImportant(List<JsonObject> victims)
    {
        if (victims.Count == 0)
            return DateTimeOffset.MaxValue;
        var top = victims.Max(SchedulingPod.PriorityOf);
        return victims.Where(v => SchedulingPod.PriorityOf(v) == top).Min(StartTime);
    }

    private static int MoreImportantFirst(JsonObject a, JsonObject b)
    {
        var byPriority = SchedulingPod.PriorityOf(b).CompareTo(SchedulingPod.PriorityOf(a));
        return byPriority != 0 ? byPriority : StartTime(a).CompareTo(StartTime(b));
    }

    private static DateTimeOffset StartTime(JsonObject pod) =>
        JsonRead.ParseTime(pod.Obj("status").Str("startTime") ?? pod.Obj("metadata").Str("creationTimestamp")) ?? DateTimeOffset.MaxValue;

    /// <summary>A pod that already preempted waits for its victims to go instead of preempting again.</summary>
    private static bool HasTerminatingVictimOnNominatedNode(SchedulingPod pod, SchedulerCache cache)
    {
        var nominated = pod.Pod.Obj("status").Str("nominatedNodeName");
        if (string.IsNullOrEmpty(nominated) || cache.Node(nominated) is not { } node)
            return false;
        return node.Pods.Any(p => JsonRead.IsDeleting(p) && SchedulingPod.PriorityOf(p) < pod.Priority);
    }
}
