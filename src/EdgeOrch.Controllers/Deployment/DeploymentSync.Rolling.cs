using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>RollingUpdate (Kubernetes' rolloutRolling): grow the new set within maxSurge, shrink old ones within maxUnavailable.</summary>
internal sealed partial class DeploymentSync
{
    private async Task RolloutRollingAsync(CancellationToken ct)
    {
        await ResolveSetsAsync(create: true, ct);
        if (await ReconcileNewSetAsync(ct) || await ReconcileOldSetsAsync(ct))
        {
            await SyncRolloutStatusAsync(ct);
            return;
        }
        if (IsComplete(Status)) await CleanupHistoryAsync(ct);
        await SyncRolloutStatusAsync(ct);
    }

    /// <summary>Scale the new set up as far as the surge budget allows (or down, if it is larger than the Deployment).</summary>
    private async Task<bool> ReconcileNewSetAsync(CancellationToken ct)
    {
        var newRs = NewSet!;
        var current = RolloutMath.Replicas(newRs);
        if (current == DesiredReplicas) return false;
        if (current > DesiredReplicas) return await ScaleAndRecordAsync(newRs, DesiredReplicas, ct);
        return await ScaleAndRecordAsync(newRs, RolloutMath.NewReplicaSetReplicas(_d, AllSets, newRs), ct);
    }

    /// <summary>
    /// Scale old sets down as far as maxUnavailable allows, counting the new set's unavailable pods against the budget:
    /// first old pods that are not available anyway, then available ones, oldest sets first.
    /// </summary>
    private async Task<bool> ReconcileOldSetsAsync(CancellationToken ct)
    {
        if (RolloutMath.SpecReplicas(OldSets) == 0) return false;
        var allPods = RolloutMath.SpecReplicas(AllSets);
        var minAvailable = DesiredReplicas - RolloutMath.MaxUnavailable(_d);
        var newRs = NewSet!;
        var newUnavailable = RolloutMath.Replicas(newRs) - RolloutMath.Available(newRs);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var cleaned = await CleanupUnhealthyAsync(maxScaledDown, ct);
        var scaledDown = await ScaleDownOldForRollingAsync(ct);
        return cleaned + scaledDown > 0;
    }

    private async Task<int> CleanupUnhealthyAsync(int maxCleanup, CancellationToken ct)
    {
        var old = RolloutMath.Active(OldSets);
        old.Sort(ReplicaSetOrder.ByCreation);
        var total = 0;
        foreach (var rs in old)
        {
            if (total >= maxCleanup) break;
            var replicas = RolloutMath.Replicas(rs);
            var available = RolloutMath.Available(rs);
            var count = RolloutMath.UnhealthyToCleanUp(replicas, available, maxCleanup - total);
            if (count == 0) continue;
            await ScaleAndRecordAsync(rs, replicas - count, ct);
            total += count;
        }
        return total;
    }

    private async Task<int> ScaleDownOldForRollingAsync(CancellationToken ct)
    {
        var minAvailable = DesiredReplicas - RolloutMath.MaxUnavailable(_d);
        var available = RolloutMath.AvailableWithinSpec(AllSets);
        if (available <= minAvailable) return 0;
        var old = RolloutMath.Active(OldSets);
        old.Sort(ReplicaSetOrder.ByCreation);
        var budget = available - minAvailable;
        var total = 0;
        foreach (var rs in old)
        {
            if (total >= budget) break;
            var replicas = RolloutMath.Replicas(rs);
            if (replicas == 0) continue;
            var count = Math.Min(replicas, budget - total);
            await ScaleAndRecordAsync(rs, replicas - count, ct);
            total += count;
        }
        return total;
    }
}
