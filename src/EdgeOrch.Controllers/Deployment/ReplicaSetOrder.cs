using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Kubernetes' ReplicaSet orderings used by the deployment controller.</summary>
internal static class ReplicaSetOrder
{
    private static DateTimeOffset Created(JsonObject rs) => rs.CreationTime() ?? DateTimeOffset.MinValue;

    /// <summary>Oldest first; same second: by name.</summary>
    public static int ByCreation(JsonObject a, JsonObject b)
    {
        var c = Created(a).CompareTo(Created(b));
        return c != 0 ? c : string.CompareOrdinal(a.Name(), b.Name());
    }

    /// <summary>Lowest revision first; same revision: oldest first.</summary>
    public static int ByRevision(JsonObject a, JsonObject b)
    {
        var c = Revisions.Of(a).CompareTo(Revisions.Of(b));
        return c != 0 ? c : ByCreation(a, b);
    }

    /// <summary>Largest first; same size: newer first (scaling up).</summary>
    public static int BySizeNewer(JsonObject a, JsonObject b)
    {
        var c = RolloutMath.Replicas(b).CompareTo(RolloutMath.Replicas(a));
        return c != 0 ? c : ByCreation(b, a);
    }

    /// <summary>Largest first; same size: older first (scaling down).</summary>
    public static int BySizeOlder(JsonObject a, JsonObject b)
    {
        var c = RolloutMath.Replicas(b).CompareTo(RolloutMath.Replicas(a));
        return c != 0 ? c : ByCreation(a, b);
    }
}
