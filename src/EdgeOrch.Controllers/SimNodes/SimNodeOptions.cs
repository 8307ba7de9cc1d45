namespace EdgeOrch.Controllers.SimNodes;

/// <summary>What `edgeorch sim-nodes` simulates: how many nodes, how big, and how often they renew their leases.</summary>
public sealed record SimNodeOptions
{
    public int Count { get; init; } = 3;

    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "8Gi";

    public int Pods { get; init; } = 110;

    public string NamePrefix { get; init; } = "sim";

    /// <summary>The kubelet's default lease renewal period (a quarter of the 40 s lease duration).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    public string NodeName(int index) => $"{NamePrefix}-{index}";
}
