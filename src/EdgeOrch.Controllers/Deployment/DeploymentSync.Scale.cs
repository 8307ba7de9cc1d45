using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Scaling a Deployment mid-rollout (Kubernetes' scale): spread the change proportionally over the active sets.</summary>
internal sealed partial class DeploymentSync
{
    private async Task ScaleAsync(CancellationToken ct)
    {
        // One active set (or none: then the newest) simply takes the whole count.
        if (ActiveOrLatest() is { } only)
        {
            if (RolloutMath.Replicas(only) != DesiredReplicas) await ScaleAndRecordAsync(only, DesiredReplicas, ct);
            return;
        }
        // A saturated new set means the old ones are leftovers (for example just adopted): scale them away.
        if (IsSaturated(NewSet))
        {
            foreach (var old in RolloutMath.Active(OldSets)) await ScaleAndRecordAsync(old, 0, ct);
            return;
        }
        if (!RolloutMath.IsRollingUpdate(_d)) return;

        var active = RolloutMath.Active(AllSets);
        var allowed = DesiredReplicas > 0 ? DesiredReplicas + RolloutMath.MaxSurge(_d) : 0;
        var toAdd = allowed - RolloutMath.SpecReplicas(active);
        // Bigger sets first; on equal size newer ones grow first and older ones shrink first.
        if (toAdd > 0) active.Sort(ReplicaSetOrder.BySizeNewer);
        else if (toAdd < 0) active.Sort(ReplicaSetOrder.BySizeOlder);

        var added = 0;
        var sizes = new Dictionary<string, int>();
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(rs, toAdd, added);
            sizes[rs.Name()] = RolloutMath.Replicas(rs) + proportion;
            added += proportion;
        }
        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            if (i == 0 && toAdd != 0)
                sizes[rs.Name()] = Math.Max(0, sizes[rs.Name()] + toAdd - added);
            // Annotations move to the new size even when the count stays, so the next scaling event is not misread.
            await ScaleSetAsync(rs, sizes[rs.Name()], ct);
        }
    }

    private JsonObject? ActiveOrLatest()
    {
        if (NewSet is null && _oldNames.Count == 0) return null;
        var active = RolloutMath.Active(AllSets);
        if (active.Count == 1) return active[0];
        if (active.Count > 1) return null;
        if (NewSet is { } n) return n;
        var old = OldSets;
        old.Sort(ReplicaSetOrder.ByCreation);
        return old[^1];
    }

    private bool IsSaturated(JsonObject? rs) =>
        rs is not null
        && RolloutMath.Replicas(rs) == DesiredReplicas
        && Revisions.DesiredOf(rs) == DesiredReplicas
        && RolloutMath.Available(rs) == DesiredReplicas;

    /// <summary>GetProportion: this set's share of the change, bounded by what is left to add (or remove).</summary>
    private int Proportion(JsonObject rs, int toAdd, int added)
    {
        if (RolloutMath.Replicas(rs) == 0 || toAdd == 0 || toAdd == added) return 0;
        var fraction = Fraction(rs);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>The set's size rescaled from the Deployment size it was made for (max-replicas) to the current one.</summary>
    private int Fraction(JsonObject rs)
    {
        var replicas = RolloutMath.Replicas(rs);
        if (DesiredReplicas == 0) return -replicas;
        var deploymentReplicas = DesiredReplicas + RolloutMath.MaxSurge(_d);
        var annotated = Revisions.MaxOf(rs) ?? (int)(_persisted.Obj("status").Int("replicas") ?? 0);
        if (annotated == 0) return 0;
        var size = (double)replicas * deploymentReplicas / annotated;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - replicas;
    }
}
