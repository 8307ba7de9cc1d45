using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Recreate (Kubernetes' rolloutRecreate): old sets to zero, wait until their pods are gone, then the new set.</summary>
internal sealed partial class DeploymentSync
{
    private async Task RolloutRecreateAsync(CancellationToken ct)
    {
        // Do not create the new set yet: nothing may scale up before everything old is down.
        await ResolveSetsAsync(create: false, ct);
        var scaledDown = false;
        foreach (var rs in RolloutMath.Active(OldSets))
            scaledDown |= await ScaleAndRecordAsync(rs, 0, ct);
        if (scaledDown || OldPodsRunning())
        {
            await SyncRolloutStatusAsync(ct);
            return;
        }
        if (NewSet is null) await ResolveSetsAsync(create: true, ct);
        await ScaleAndRecordAsync(NewSet!, DesiredReplicas, ct);
        if (IsComplete(Status)) await CleanupHistoryAsync(ct);
        await SyncRolloutStatusAsync(ct);
    }

    /// <summary>Old sets still report replicas, or some old pod is not finished (Failed/Succeeded pods do not count).</summary>
    private bool OldPodsRunning()
    {
        if (RolloutMath.StatusReplicas(OldSets) > 0) return true;
        var newUid = NewSet?.Uid();
        foreach (var (setUid, pods) in _podsBySet)
        {
            if (setUid == newUid) continue;
            if (pods.Any(p => PodState.Phase(p) is not ("Failed" or "Succeeded"))) return true;
        }
        return false;
    }
}
