using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.DaemonSet;

/// <summary>
/// Decides, from the nodes and the DaemonSet's pods, which nodes get a new pod and which pods go: one pod per eligible
/// node, none elsewhere, and the RollingUpdate budget (maxUnavailable, maxSurge, scaled on desiredNumberScheduled and
/// rounded up, as intstr.GetScaledValueFromIntOrPercent does). Pure: the controller carries the plan out.
/// </summary>
internal sealed class DaemonSetPlan
{
    public List<string> CreateOn { get; } = [];

    public List<(JsonObject Pod, string Reason)> Delete { get; } = [];

    /// <summary>Live (not terminating, not finished) pods per eligible node, after the planned deletions are taken out.</summary>
    public Dictionary<string, List<JsonObject>> Eligible { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes that should not run the daemon but still do.</summary>
    public int Misscheduled { get; private set; }

    public static DaemonSetPlan Make(JsonObject set, JsonObject podSpec, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> pods,
        string hash, DateTimeOffset now)
    {
        var plan = new DaemonSetPlan();
        var byNode = pods.GroupBy(p => NodeEligibility.TargetNode(p) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var known = new HashSet<string>(nodes.Select(Objects.Name));
        foreach (var (nodeName, orphans) in byNode.Where(g => !known.Contains(g.Key)))
            foreach (var pod in orphans.Where(p => !PodStates.IsTerminating(p)))
                plan.Delete.Add((pod, "node gone"));

        var surge = MaxSurge(set, 1) > 0;
        foreach (var node in nodes.OrderBy(Objects.Name, StringComparer.Ordinal))
        {
            var name = Objects.Name(node);
            var onNode = byNode.GetValueOrDefault(name) ?? [];
            var (shouldRun, shouldContinue) = NodeEligibility.Evaluate(node, podSpec);
            var live = onNode.Where(PodStates.IsActive).ToList();
            if (!shouldContinue)
            {
                if (live.Count > 0) plan.Misscheduled++;
                plan.Delete.AddRange(live.Select(p => (p, "not eligible")));
                continue;
            }
            // A daemon pod that exited is replaced: delete it now, create its successor on a later pass.
            plan.Delete.AddRange(onNode.Where(p => PodStates.IsTerminal(p) && !PodStates.IsTerminating(p)).Select(p => (p, "failed")));
            if (!shouldRun)
            {
                if (live.Count > 0) plan.Misscheduled++;
                continue;
            }
            if (live.Count == 0)
            {
                if (onNode.All(p => !PodStates.IsTerminating(p) && !PodStates.IsTerminal(p)))
                    plan.CreateOn.Add(name);
                plan.Eligible[name] = [];
                continue;
            }
            plan.Eligible[name] = Deduplicate(live, hash, surge, plan.Delete);
        }
        return plan;
    }

    /// <summary>One pod per node: the oldest; with surge, also the newest of the update revision next to an old one.</summary>
    private static List<JsonObject> Deduplicate(List<JsonObject> live, string hash, bool surge, List<(JsonObject, string)> delete)
    {
        var ordered = live.OrderBy(p => Objects.Meta(p).Str("creationTimestamp") ?? "", StringComparer.Ordinal).ToList();
        var keep = new List<JsonObject>();
        if (surge)
        {
            if (ordered.LastOrDefault(p => Objects.Label(p, Revisions.HashLabel) == hash) is { } updated) keep.Add(updated);
            if (ordered.FirstOrDefault(p => Objects.Label(p, Revisions.HashLabel) != hash) is { } old) keep.Add(old);
        }
        else
        {
            keep.Add(ordered[0]);
        }
        delete.AddRange(ordered.Where(p => !keep.Contains(p)).Select(p => (p, "duplicate")));
        return keep;
    }

    /// <summary>The RollingUpdate step: which old pods to delete now and which nodes get a surge pod.</summary>
    public void RollingUpdate(JsonObject set, string hash, DateTimeOffset now)
    {
        var desired = Eligible.Count;
        var minReady = set.Obj("spec").Int("minReadySeconds") ?? 0;
        var maxSurge = MaxSurge(set, desired);
        var maxUnavailable = Scaled(set.Obj("spec").Obj("updateStrategy").Obj("rollingUpdate")?["maxUnavailable"], desired, 1);
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        bool Available(JsonObject p) => PodStates.IsAvailable(p, minReady, now);
        bool IsNew(JsonObject p) => Objects.Label(p, Revisions.HashLabel) == hash;

        if (maxSurge == 0)
        {
            var unavailable = CreateOn.Count;
            var candidates = new List<JsonObject>();
            foreach (var (_, pods) in Eligible.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (pods.Count == 0) continue;
                if (pods.FirstOrDefault(IsNew) is { } fresh)
                {
                    if (!Available(fresh)) unavailable++;
                    continue;
                }
                if (!Available(pods[0]))
                {
                    // Already unavailable: replacing it costs nothing.
                    unavailable++;
                    Delete.Add((pods[0], "rolling update"));
                }
                else candidates.Add(pods[0]);
            }
            Delete.AddRange(candidates.Take(Math.Max(0, maxUnavailable - unavailable)).Select(p => (p, "rolling update")));
            return;
        }

        var surging = 0;
        var surgeCandidates = new List<string>();
        foreach (var (node, pods) in Eligible.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var fresh = pods.FirstOrDefault(IsNew);
            var old = pods.Where(p => !IsNew(p)).ToList();
            if (old.Count == 0) continue;
            if (fresh is null)
            {
                if (Available(old[0])) surgeCandidates.Add(node);
                else Delete.Add((old[0], "rolling update"));
            }
            else if (Available(fresh)) Delete.AddRange(old.Select(p => (p, "rolling update")));
            else surging++;
        }
        CreateOn.AddRange(surgeCandidates.Take(Math.Max(0, maxSurge - surging)));
    }

    private static int MaxSurge(JsonObject set, int desired) =>
        set.Obj("spec").Obj("updateStrategy").Str("type") is null or "RollingUpdate"
            ? Scaled(set.Obj("spec").Obj("updateStrategy").Obj("rollingUpdate")?["maxSurge"], desired, 0)
            : 0;

    /// <summary>An int, or "N%" of <paramref name="total"/> rounded up.</summary>
    internal static int Scaled(JsonNode? value, int total, int fallback)
    {
        if (JsonFields.AsLong(value) is { } n) return (int)n;
        if (JsonFields.AsString(value) is { } s && s.EndsWith('%') &&
            int.TryParse(s[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pct))
            return (int)Math.Ceiling(pct * total / 100.0);
        return fallback;
    }
}
