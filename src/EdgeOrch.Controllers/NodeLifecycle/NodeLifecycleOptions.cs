namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>Knobs of the node lifecycle controller, with Kubernetes' defaults and EdgeOrch's edge-safe one.</summary>
public sealed record NodeLifecycleOptions
{
    /// <summary>--node-monitor-grace-period: heartbeats older than this make the node Unknown/unreachable.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>--node-eviction-rate 0.1: one more node may start evicting every 10 s.</summary>
    public TimeSpan NodeEvictionInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Edge-safe default (false): a node labelled node-role.kubernetes.io/control-plane never has its pods evicted
    /// because its heartbeats stopped; on a device that is its own control plane that only means a link went away.</summary>
    public bool EvictControlPlaneNodes { get; init; }
}
