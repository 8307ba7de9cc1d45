using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// The InterPodAffinity filter and score for one pod, precomputed once per cycle as counts per topology domain
/// (topologyKey, label value): nodes then look up their own domains. Works for any topology key, typically
/// kubernetes.io/hostname and topology.kubernetes.io/zone.
/// </summary>
internal sealed class InterPodAffinity
{
    public const string AffinityReason = "node(s) didn't match pod affinity rules";
    public const string AntiAffinityReason = "node(s) didn't match pod anti-affinity rules";
    public const string ExistingAntiAffinityReason = "node(s) didn't satisfy existing pods anti-affinity rules";

    /// <summary>Kubernetes' default hardPodAffinityWeight: an existing pod's required affinity also counts as a preference.</summary>
    private const long HardPodAffinityWeight = 1;

    private readonly SchedulingPod _pod;
    private readonly Dictionary<(string, string), long> _existingAnti = [];
    private readonly Dictionary<(string, string), long> _affinity = [];
    private readonly Dictionary<(string, string), long> _anti = [];
    private readonly Dictionary<(string, string), long> _preferred = [];

    private InterPodAffinity(SchedulingPod pod) => _pod = pod;

    public bool HasPreferences => _preferred.Count > 0;

    public static InterPodAffinity Compute(SchedulingPod pod, SchedulerCache cache)
    {
        var state = new InterPodAffinity(pod);
        foreach (var existing in cache.PodsWithAffinity)
        {
            if (JsonRead.Key(existing) == pod.Key || cache.Node(existing.Obj("spec").Str("nodeName") ?? "") is not { } node)
                continue;
            var terms = new PodAffinityTerms(existing);
            foreach (var term in terms.RequiredAnti)
                if (term.Selects(pod.Pod))
                    Add(state._existingAnti, term.TopologyKey, node, 1);
            foreach (var term in terms.PreferredAffinity)
                if (term.Selects(pod.Pod))
                    Add(state._preferred, term.TopologyKey, node, term.Weight);
            foreach (var term in terms.PreferredAnti)
                if (term.Selects(pod.Pod))
                    Add(state._preferred, term.TopologyKey, node, -term.Weight);
            foreach (var term in terms.RequiredAffinity)
                if (term.Selects(pod.Pod))
                    Add(state._preferred, term.TopologyKey, node, HardPodAffinityWeight);
        }

        var own = pod.Affinity;
        if (own.IsEmpty)
            return state;
        foreach (var (key, existing, node) in cache.AllPods())
        {
            if (key == pod.Key)
                continue;
            if (own.RequiredAffinity.Count > 0 && own.RequiredAffinity.All(t => t.Selects(existing)))
                foreach (var term in own.RequiredAffinity)
                    Add(state._affinity, term.TopologyKey, node, 1);
            foreach (var term in own.RequiredAnti)
                if (term.Selects(existing))
                    Add(state._anti, term.TopologyKey, node, 1);
            foreach (var term in own.PreferredAffinity)
                if (term.Selects(existing))
                    Add(state._preferred, term.TopologyKey, node, term.Weight);
            foreach (var term in own.PreferredAnti)
                if (term.Selects(existing))
                    Add(state._preferred, term.TopologyKey, node, -term.Weight);
        }
        return state;
    }

    public FilterStatus Filter(NodeInfo node)
    {
        if (!SatisfiesAffinity(node))
            return FilterStatus.Unresolvable(AffinityReason);
        foreach (var term in _pod.Affinity.RequiredAnti)
            if (node.Labels.Str(term.TopologyKey) is { } value && _anti.GetValueOrDefault((term.TopologyKey, value)) > 0)
                return FilterStatus.Unschedulable(AntiAffinityReason);
        if (_existingAnti.Count > 0)
            foreach (var (key, value) in node.Labels.StringMap())
                if (_existingAnti.GetValueOrDefault((key, value)) > 0)
                    return FilterStatus.Unschedulable(ExistingAntiAffinityReason);
        return FilterStatus.Success;
    }

    /// <summary>Raw score (may be negative): summed weights of the preferences that hold in the node's domains.</summary>
    public long Score(NodeInfo node)
    {
        long score = 0;
        foreach (var (key, value) in node.Labels.StringMap())
            score += _preferred.GetValueOrDefault((key, value));
        return score;
    }

    private bool SatisfiesAffinity(NodeInfo node)
    {
        var terms = _pod.Affinity.RequiredAffinity;
        if (terms.Count == 0)
            return true;
        // The first pod of a group that must be together: nothing matches anywhere yet, but the pod matches its own
        // terms, so it may go anywhere its domains exist (Kubernetes' special case).
        if (_affinity.Count == 0 && terms.All(t => t.Selects(_pod.Pod)))
            return terms.All(t => node.Labels?.ContainsKey(t.TopologyKey) == true);
        foreach (var term in terms)
            if (node.Labels.Str(term.TopologyKey) is not { } value || _affinity.GetValueOrDefault((term.TopologyKey, value)) == 0)
                return false;
        return true;
    }

    private static void Add(Dictionary<(string, string), long> counts, string topologyKey, NodeInfo node, long amount)
    {
        if (node.Labels.Str(topologyKey) is not { } value)
            return;
        var pair = (topologyKey, value);
        counts[pair] = counts.GetValueOrDefault(pair) + amount;
    }
}
