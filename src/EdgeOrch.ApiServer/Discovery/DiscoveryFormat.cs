namespace EdgeOrch.ApiServer.Discovery;

/// <summary>The shapes /api and /apis can answer in.</summary>
public enum DiscoveryFormat
{
    /// <summary>APIVersions (/api) or APIGroupList (/apis): the pre-1.26 shape, always acceptable to kubectl.</summary>
    Legacy,

    /// <summary>apidiscovery.k8s.io/v2 APIGroupDiscoveryList: every group, version and resource in one response.</summary>
    AggregatedV2,

    /// <summary>apidiscovery.k8s.io/v2beta1, the same document under its beta name (clients before 1.30).</summary>
    AggregatedV2Beta1,
}
