using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// Which surplus pods a ReplicaSet deletes first, in Kubernetes' order (ActivePodsWithRanks, LogarithmicScaleDown on):
/// unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; lower
/// controller.kubernetes.io/pod-deletion-cost first; more pods of the same owner family on the node first; ready for a
/// shorter time first; more container restarts first; newer first (ages compared on a log2 scale, ties broken by UID).
/// </summary>
internal sealed class PodDeletionOrder : IComparer<JsonObject>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";
    private readonly Dictionary<JsonObject, int> _rank;
    private readonly DateTimeOffset _now;

    /// <param name="related">Active pods of this ReplicaSet and its siblings (same controlling Deployment), for co-location ranks.</param>
    public PodDeletionOrder(IReadOnlyList<JsonObject> candidates, IEnumerable<JsonObject> related, DateTimeOffset now)
    {
        _now = now;
        var perNode = new Dictionary<string, int>();
        foreach (var p in related)
            if (PodState.IsActive(p) && PodState.NodeName(p) is { } node)
                perNode[node] = perNode.GetValueOrDefault(node) + 1;
        _rank = new Dictionary<JsonObject, int>(ReferenceEqualityComparer.Instance);
        foreach (var p in candidates)
            _rank[p] = PodState.NodeName(p) is { } n ? perNode.GetValueOrDefault(n) : 0;
    }

    /// <summary>The first <paramref name="count"/> pods to delete.</summary>
    public static List<JsonObject> PickVictims(IReadOnlyList<JsonObject> pods, IEnumerable<JsonObject> related, int count, DateTimeOffset now)
    {
        var list = pods.ToList();
        if (count < list.Count)
            list.Sort(new PodDeletionOrder(pods, related, now));
        return list.Take(count).ToList();
    }

    public int Compare(JsonObject? x, JsonObject? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;

        var ax = PodState.NodeName(x) is not null;
        var ay = PodState.NodeName(y) is not null;
        if (ax != ay) return ax ? 1 : -1;

        var px = PhaseOrder(x);
        var py = PhaseOrder(y);
        if (px != py) return px.CompareTo(py);

        var rx = PodState.IsReady(x);
        var ry = PodState.IsReady(y);
        if (rx != ry) return rx ? 1 : -1;

        var cx = DeletionCost(x);
        var cy = DeletionCost(y);
        if (cx != cy) return cx.CompareTo(cy);

        var kx = _rank.GetValueOrDefault(x);
        var ky = _rank.GetValueOrDefault(y);
        if (kx != ky) return ky.CompareTo(kx);

        if (rx && ry)
        {
            var c = CompareTimes(PodState.ReadySince(x), PodState.ReadySince(y), x, y);
            if (c != 0) return c;
        }

        var restarts = PodState.MaxRestarts(y).CompareTo(PodState.MaxRestarts(x));
        if (restarts != 0) return restarts;

        return CompareTimes(x.CreationTime(), y.CreationTime(), x, y);
    }

    private static int PhaseOrder(JsonObject pod) => PodState.Phase(pod) switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(JsonObject pod) =>
        int.TryParse(pod.Annotation(DeletionCostAnnotation), out var cost) ? cost : 0;

    /// <summary>Missing or later time first (newer pods go first); when both are known, ages compared on a log2 scale.</summary>
    private int CompareTimes(DateTimeOffset? tx, DateTimeOffset? ty, JsonObject x, JsonObject y)
    {
        if (tx == ty) return 0;
        if (tx is null) return -1;
        if (ty is null) return 1;
        var diff = LogRank(tx.Value) - LogRank(ty.Value);
        if (diff != 0) return diff < 0 ? -1 : 1;
        return string.CompareOrdinal(x.Uid(), y.Uid());
    }

    private long LogRank(DateTimeOffset t)
    {
        var ns = (_now - t).Ticks * 100.0;
        return ns > 0 ? (long)Math.Log2(ns) : -1;
    }
}
