using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// One scheduling cycle, as Kubernetes' default profile runs it: filter every node (plugins in Kubernetes' order, a node
/// stops at its first failing plugin), score the feasible ones with the default weights, take the best (ties broken at
/// random); when none fits, try preemption and explain why in Kubernetes' words. Caller holds the cache lock.
/// </summary>
internal sealed class SchedulingAlgorithm(Random random)
{
    // Kubernetes' default score plugin weights (v1.32 default profile).
    private const long TaintTolerationWeight = 3;
    private const long NodeAffinityWeight = 2;
    private const long InterPodAffinityWeight = 2;
    private const long LeastAllocatedWeight = 1;
    private const long BalancedAllocationWeight = 1;
    private const long ImageLocalityWeight = 1;
    private const long MaxScore = 100;

    public ScheduleResult Schedule(JsonObject podObject, SchedulerCache cache)
    {
        var pod = new SchedulingPod(podObject);
        var nodes = cache.Nodes;
        if (nodes.Count == 0)
            return new ScheduleResult(null, FitError.NoNodesMessage);

        var affinity = InterPodAffinity.Compute(pod, cache);
        var feasible = new List<NodeInfo>();
        var failed = new Dictionary<string, FilterStatus>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var status = RunFilters(pod, node, affinity);
            if (status.IsSuccess)
                feasible.Add(node);
            else
                failed[node.Name] = status;
        }

        if (feasible.Count == 1)
            return ScheduleResult.Fits(feasible[0].Name);
        if (feasible.Count > 1)
            return ScheduleResult.Fits(Select(pod, feasible, affinity, cache));

        var preemption = Preemption.Find(pod, cache, failed, affinity);
        var message = FitError.Message(nodes.Count, failed.Values.Select(s => s.Reasons), preemption.Message);
        return new ScheduleResult(null, message, preemption.Plan);
    }

    /// <summary>The filter plugins in Kubernetes' order: NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts,
    /// NodeResourcesFit, InterPodAffinity.</summary>
    public static FilterStatus RunFilters(SchedulingPod pod, NodeInfo node, InterPodAffinity affinity)
    {
        var status = Taints.FilterUnschedulable(pod, node);
        if (!status.IsSuccess) return status;
        status = Taints.Filter(pod, node);
        if (!status.IsSuccess) return status;
        status = NodeAffinityMatcher.Filter(pod, node);
        if (!status.IsSuccess) return status;
        status = FilterPorts(pod, node);
        if (!status.IsSuccess) return status;
        status = ResourceFit.Filter(pod, node);
        if (!status.IsSuccess) return status;
        return affinity.Filter(node);
    }

    public const string PortsReason = "node(s) didn't have free ports for the requested pod ports";

    private static FilterStatus FilterPorts(SchedulingPod pod, NodeInfo node)
    {
        foreach (var wanted in pod.HostPorts)
            foreach (var used in node.UsedPorts)
                if (wanted.ConflictsWith(used))
                    return FilterStatus.Unschedulable(PortsReason);
        return FilterStatus.Success;
    }

    private string Select(SchedulingPod pod, List<NodeInfo> feasible, InterPodAffinity affinity, SchedulerCache cache)
    {
        var totals = Scores(pod, feasible, affinity, cache);
        var best = long.MinValue;
        string? chosen = null;
        var ties = 0;
        for (var i = 0; i < feasible.Count; i++)
        {
            if (totals[i] > best)
            {
                best = totals[i];
                chosen = feasible[i].Name;
                ties = 1;
            }
            else if (totals[i] == best && random.Next(++ties) == 0)
            {
                // Reservoir sampling: each of the tied nodes ends up chosen with equal probability.
                chosen = feasible[i].Name;
            }
        }
        return chosen!;
    }

    /// <summary>Weighted, normalized score per feasible node (same order).</summary>
    internal static long[] Scores(SchedulingPod pod, List<NodeInfo> nodes, InterPodAffinity affinity, SchedulerCache cache)
    {
        var n = nodes.Count;
        var taints = new long[n];
        var nodeAffinity = new long[n];
        var podAffinity = new long[n];
        var totals = new long[n];
        var imageSpread = new Dictionary<string, int>(StringComparer.Ordinal);
        int NodesWithImage(string image) =>
            imageSpread.TryGetValue(image, out var c) ? c : imageSpread[image] = cache.NodesWithImage(image);

        for (var i = 0; i < n; i++)
        {
            var node = nodes[i];
            taints[i] = Taints.CountIntolerablePreferNoSchedule(pod, node);
            nodeAffinity[i] = NodeAffinityMatcher.Score(pod, node);
            podAffinity[i] = affinity.HasPreferences ? affinity.Score(node) : 0;
            totals[i] = LeastAllocatedWeight * ResourceFit.LeastAllocated(pod, node)
                + BalancedAllocationWeight * ResourceFit.BalancedAllocation(pod, node)
                + ImageLocalityWeight * ImageLocality.Score(pod, node, NodesWithImage, cache.Nodes.Count);
        }

        var maxTaints = taints.Max();
        var maxNodeAffinity = nodeAffinity.Max();
        var minPodAffinity = podAffinity.Min();
        var maxPodAffinity = podAffinity.Max();
        for (var i = 0; i < n; i++)
        {
            // TaintToleration: fewer intolerable PreferNoSchedule taints is better (normalized and reversed).
            totals[i] += TaintTolerationWeight * (maxTaints == 0 ? MaxScore : MaxScore - taints[i] * MaxScore / maxTaints);
            totals[i] += NodeAffinityWeight * (maxNodeAffinity == 0 ? 0 : nodeAffinity[i] * MaxScore / maxNodeAffinity);
            totals[i] += InterPodAffinityWeight * (maxPodAffinity == minPodAffinity ? 0
                : (podAffinity[i] - minPodAffinity) * MaxScore / (maxPodAffinity - minPodAffinity));
        }
        return totals;
    }
}
