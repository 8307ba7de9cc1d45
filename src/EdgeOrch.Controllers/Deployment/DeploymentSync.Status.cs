using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;
using C = EdgeOrch.Controllers.Deployment.DeploymentConditions;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Deployment status and the Progressing/Available conditions (calculateStatus, syncRolloutStatus).</summary>
internal sealed partial class DeploymentSync
{
    /// <summary>Counts summed over the sets; Available is True while at least replicas - maxUnavailable pods are available.</summary>
    private JsonObject CalculateStatus()
    {
        var all = AllSets;
        var available = RolloutMath.AvailableReplicas(all);
        var unavailable = Math.Max(0, RolloutMath.SpecReplicas(all) - available);
        var status = new JsonObject();
        void Put(string name, long value)
        {
            if (value != 0) status[name] = WorkloadJson.Number(value);
        }
        Put("observedGeneration", _d.Generation());
        Put("replicas", RolloutMath.StatusReplicas(all));
        Put("updatedReplicas", RolloutMath.StatusReplicas([NewSet]));
        Put("readyReplicas", RolloutMath.ReadyReplicas(all));
        Put("availableReplicas", available);
        Put("unavailableReplicas", unavailable);
        if (Status.Arr("conditions") is { } conditions) status["conditions"] = conditions.DeepClone();
        if (Status["collisionCount"] is { } collisions) status["collisionCount"] = collisions.DeepClone();

        var condition = available >= DesiredReplicas - RolloutMath.MaxUnavailable(_d)
            ? C.New(C.Available, "True", C.MinimumReplicasAvailable, "Deployment has minimum availability.", _now)
            : C.New(C.Available, "False", C.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", _now);
        C.Set(status, condition);
        return status;
    }

    /// <summary>Status only (paused, scaling, deleting): no progress estimation.</summary>
    private async Task SyncDeploymentStatusAsync(CancellationToken ct)
    {
        var next = CalculateStatus();
        if (JsonNode.DeepEquals(next, _d["status"])) return;
        _d["status"] = next;
        await PersistAsync(ct);
    }

    /// <summary>Status plus the Progressing condition: complete, progressing, or past progressDeadlineSeconds.</summary>
    private async Task SyncRolloutStatusAsync(CancellationToken ct)
    {
        var next = CalculateStatus();
        if (!HasProgressDeadline) C.Remove(next, C.Progressing);
        var current = C.Get(Status, C.Progressing);
        var complete = (next.Int("replicas") ?? 0) == (next.Int("updatedReplicas") ?? 0)
            && current?.Str("reason") == C.NewReplicaSetAvailable;
        var subject = NewSet is { } n ? $"ReplicaSet \"{n.Name()}\"" : $"Deployment \"{_d.Name()}\"";
        if (HasProgressDeadline && !complete)
        {
            if (IsComplete(next))
            {
                C.Set(next, C.New(C.Progressing, "True", C.NewReplicaSetAvailable, $"{subject} has successfully progressed.", _now));
            }
            else if (IsProgressing(next))
            {
                // Progress refreshes lastUpdateTime (the deadline counts from it); a True condition keeps its transition time.
                var condition = C.New(C.Progressing, "True", C.ReplicaSetUpdated, $"{subject} is progressing.", _now);
                if (current is not null)
                {
                    if (current.Str("status") == "True") condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
                    C.Remove(next, C.Progressing);
                }
                C.Set(next, condition);
            }
            else if (TimedOut())
            {
                C.Set(next, C.New(C.Progressing, "False", C.ProgressDeadlineExceeded, $"{subject} has timed out progressing.", _now));
            }
        }
        if (ReplicaFailure() is { } failure) C.Set(next, failure);
        else C.Remove(next, C.ReplicaFailure);

        if (JsonNode.DeepEquals(next, _d["status"]))
        {
            Requeue = StuckRequeue(next);
            return;
        }
        _d["status"] = next;
        await PersistAsync(ct);
        Requeue = StuckRequeue(next);
    }

    /// <summary>DeploymentComplete: every replica updated and available, and the latest spec observed.</summary>
    private bool IsComplete(JsonObject status) =>
        (status.Int("updatedReplicas") ?? 0) == DesiredReplicas
        && (status.Int("replicas") ?? 0) == DesiredReplicas
        && (status.Int("availableReplicas") ?? 0) == DesiredReplicas
        && (status.Int("observedGeneration") ?? 0) >= _d.Generation();

    /// <summary>DeploymentProgressing: more updated, fewer old, more ready or more available pods than last time.</summary>
    private bool IsProgressing(JsonObject next)
    {
        var old = _persisted.Obj("status");
        long Get(JsonObject? s, string f) => s.Int(f) ?? 0;
        var oldOld = Get(old, "replicas") - Get(old, "updatedReplicas");
        var newOld = Get(next, "replicas") - Get(next, "updatedReplicas");
        return Get(next, "updatedReplicas") > Get(old, "updatedReplicas") || newOld < oldOld
            || Get(next, "readyReplicas") > Get(old, "readyReplicas")
            || Get(next, "availableReplicas") > Get(old, "availableReplicas");
    }

    /// <summary>DeploymentTimedOut: no progress since the Progressing condition's lastUpdateTime plus the deadline.</summary>
    private bool TimedOut()
    {
        var condition = C.Get(Status, C.Progressing);
        if (!HasProgressDeadline || condition is null) return false;
        if (condition.Str("reason") == C.NewReplicaSetAvailable) return false;
        if (condition.Str("reason") == C.ProgressDeadlineExceeded) return true;
        var from = WorkloadJson.ParseTime(condition.Str("lastUpdateTime"));
        return from is not null && from.Value.AddSeconds(ProgressDeadlineSeconds) < _now;
    }

    private long ProgressDeadlineSeconds => _d.Obj("spec").Int("progressDeadlineSeconds") ?? 600;

    /// <summary>requeueStuckDeployment: wake up just after the deadline, so a stuck rollout is reported on time.</summary>
    private TimeSpan? StuckRequeue(JsonObject next)
    {
        var condition = C.Get(Status, C.Progressing);
        if (!HasProgressDeadline || condition is null) return null;
        if (IsComplete(next) || condition.Str("reason") == C.ProgressDeadlineExceeded) return null;
        if (WorkloadJson.ParseTime(condition.Str("lastUpdateTime")) is not { } from) return null;
        var after = from.AddSeconds(ProgressDeadlineSeconds) - _now;
        return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after + TimeSpan.FromSeconds(1);
    }

    /// <summary>The first ReplicaFailure condition of the sets (new set preferred), as a Deployment condition.</summary>
    private JsonObject? ReplicaFailure()
    {
        IEnumerable<JsonObject> order = NewSet is { } n ? [n, .. OldSets] : OldSets;
        foreach (var rs in order)
        {
            var failure = rs.Obj("status").Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == C.ReplicaFailure);
            if (failure is null) continue;
            var condition = C.New(C.ReplicaFailure, failure.Str("status") ?? "True", failure.Str("reason") ?? "", failure.Str("message") ?? "", _now);
            if (failure["lastTransitionTime"] is { } t)
            {
                condition["lastTransitionTime"] = t.DeepClone();
                condition["lastUpdateTime"] = t.DeepClone();
            }
            return condition;
        }
        return null;
    }

    /// <summary>Pausing and resuming show as Progressing=Unknown, so a resumed rollout does not time out at once.</summary>
    private async Task CheckPausedConditionsAsync(CancellationToken ct)
    {
        if (!HasProgressDeadline) return;
        var condition = C.Get(Status, C.Progressing);
        if (condition?.Str("reason") == C.ProgressDeadlineExceeded) return;
        var paused = _d.Obj("spec").Bool("paused") == true;
        var pausedShown = condition?.Str("reason") == C.DeploymentPaused;
        if (paused && !pausedShown)
            C.Set(Status, C.New(C.Progressing, "Unknown", C.DeploymentPaused, "Deployment is paused", _now));
        else if (!paused && pausedShown)
            C.Set(Status, C.New(C.Progressing, "Unknown", C.DeploymentResumed, "Deployment is resumed", _now));
        else
            return;
        await PersistAsync(ct);
    }

    /// <summary>revisionHistoryLimit: delete the oldest old sets beyond the limit, only those fully scaled down and settled.</summary>
    private async Task CleanupHistoryAsync(CancellationToken ct)
    {
        if (_d.Obj("spec").Int("revisionHistoryLimit") is not { } limit) return;
        var cleanable = OldSets.Where(rs => !rs.IsDeleting()).ToList();
        var excess = cleanable.Count - (int)limit;
        if (excess <= 0) return;
        cleanable.Sort(ReplicaSetOrder.ByRevision);
        foreach (var rs in cleanable.Take(excess))
        {
            if ((rs.Obj("status").Int("replicas") ?? 0) != 0 || RolloutMath.Replicas(rs) != 0
                || rs.Generation() > (rs.Obj("status").Int("observedGeneration") ?? 0))
                continue;
            await _w.Client.DeleteAsync(_w.ReplicaSets, rs.Namespace(), rs.Name(), cancellationToken: ct);
            _sets.Remove(rs.Name());
            _oldNames.Remove(rs.Name());
        }
    }
}
