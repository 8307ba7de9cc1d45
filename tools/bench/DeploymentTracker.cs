using System.Text.Json;

namespace EdgeOrch.Bench;

/// <summary>The Deployment fields a rollout is judged by (as `kubectl rollout status` does).</summary>
internal sealed record DeploymentState(long Generation, long ObservedGeneration, int Replicas, int UpdatedReplicas,
    int ReadyReplicas, int AvailableReplicas)
{
    /// <summary>Rollout complete: controller caught up, every replica updated and available, no old replica left.</summary>
    public bool Complete(int desired) => ObservedGeneration >= Generation && UpdatedReplicas == desired &&
                                         Replicas == desired && AvailableReplicas == desired;

    public override string ToString() =>
        $"generation {Generation}/{ObservedGeneration} replicas {Replicas} updated {UpdatedReplicas} ready {ReadyReplicas} available {AvailableReplicas}";
}

/// <summary>
/// Follows one Deployment through a watch: its latest state, the first arrival time of each wanted state, and the
/// extremes of status.replicas and availableReplicas seen while a rollout is tracked (the surge/unavailability bounds).
/// </summary>
internal sealed class DeploymentTracker(string name)
{
    private readonly Lock _lock = new();
    private DeploymentState? _state;

    public DeploymentState? State
    {
        get { lock (_lock) return _state; }
    }

    public int MaxReplicasSeen { get; private set; }

    public int MinAvailableSeen { get; private set; } = int.MaxValue;

    /// <summary>Starts tracking extremes from now on.</summary>
    public void ResetExtremes()
    {
        lock (_lock)
        {
            MaxReplicasSeen = 0;
            MinAvailableSeen = int.MaxValue;
        }
    }

    public void OnEvent(string type, JsonElement d, long now)
    {
        var meta = d.GetProperty("metadata");
        if (type == "DELETED" || meta.GetProperty("name").GetString() != name)
        {
            return;
        }
        var status = d.TryGetProperty("status", out var s) ? s : default;
        var state = new DeploymentState(Long(meta, "generation"), Long(status, "observedGeneration"), (int)Long(status, "replicas"),
            (int)Long(status, "updatedReplicas"), (int)Long(status, "readyReplicas"), (int)Long(status, "availableReplicas"));
        lock (_lock)
        {
            _state = state;
            MaxReplicasSeen = Math.Max(MaxReplicasSeen, state.Replicas);
            MinAvailableSeen = Math.Min(MinAvailableSeen, state.AvailableReplicas);
        }
    }

    private static long Long(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
