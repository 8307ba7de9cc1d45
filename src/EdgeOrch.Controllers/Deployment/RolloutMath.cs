using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>Kubernetes' deployment arithmetic: surge and unavailability limits, replica sums over ReplicaSets.</summary>
internal static class RolloutMath
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";

    public static int Replicas(JsonObject obj) => (int)(obj.Obj("spec").Int("replicas") ?? 1);

    public static string StrategyType(JsonObject d) => d.Obj("spec").Obj("strategy").Str("type") ?? RollingUpdate;

    public static bool IsRollingUpdate(JsonObject d) => StrategyType(d) == RollingUpdate;

    /// <summary>intstr.GetScaledValueFromIntOrPercent: an int as is, "25%" of <paramref name="total"/> rounded up or down.</summary>
    public static int Scaled(JsonNode? value, int total, bool roundUp, int fallback)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            return (int)(WorkloadJson.AsLong(v) ?? fallback);
        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
        {
            var text = s.GetValue<string>();
            if (text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
            {
                var exact = (long)percent * total;
                return (int)(roundUp ? (exact + 99) / 100 : exact / 100);
            }
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain))
                return plain;
        }
        return fallback;
    }

    /// <summary>ResolveFenceposts: surge rounds up, unavailable rounds down; both zero would deadlock, so unavailable becomes 1.</summary>
    public static (int Surge, int Unavailable) Fenceposts(JsonObject d)
    {
        var rolling = d.Obj("spec").Obj("strategy").Obj("rollingUpdate");
        var desired = Replicas(d);
        var surge = Scaled(rolling?["maxSurge"], desired, roundUp: true, fallback: Scaled(JsonValue.Create("25%"), desired, true, 0));
        var unavailable = Scaled(rolling?["maxUnavailable"], desired, roundUp: false, fallback: Scaled(JsonValue.Create("25%"), desired, false, 0));
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    public static int MaxSurge(JsonObject d) => IsRollingUpdate(d) ? Fenceposts(d).Surge : 0;

    public static int MaxUnavailable(JsonObject d)
    {
        if (!IsRollingUpdate(d) || Replicas(d) == 0) return 0;
        return Math.Min(Fenceposts(d).Unavailable, Replicas(d));
    }

    public static int SpecReplicas(IEnumerable<JsonObject?> sets) => sets.Sum(rs => rs is null ? 0 : Replicas(rs));

    public static int StatusReplicas(IEnumerable<JsonObject?> sets) => sets.Sum(rs => (int)(rs?.Obj("status").Int("replicas") ?? 0));

    public static int ReadyReplicas(IEnumerable<JsonObject?> sets) => sets.Sum(rs => (int)(rs?.Obj("status").Int("readyReplicas") ?? 0));

    public static int AvailableReplicas(IEnumerable<JsonObject?> sets) => sets.Sum(rs => (int)(rs?.Obj("status").Int("availableReplicas") ?? 0));

    /// <summary>
    /// Available pods the sets will still have once each is down to its spec.replicas: a set just scaled down reports the
    /// pods it is about to delete as available for a moment, and counting them let a rollout scale old sets below
    /// maxUnavailable (seen at 1,000 replicas: 616 available with 750 required).
    /// </summary>
    public static int AvailableWithinSpec(IEnumerable<JsonObject?> sets) =>
        sets.Sum(rs => rs is null ? 0 : Math.Min(Replicas(rs), Available(rs)));

    public static int Available(JsonObject rs) => (int)(rs.Obj("status").Int("availableReplicas") ?? 0);

    /// <summary>
    /// cleanupUnhealthyReplicas' count for one old set: its replicas that are not available, within what is left of the
    /// budget. A set can report more available pods than its spec.replicas for a moment (just scaled down, pods not yet
    /// deleted): that is nothing to clean up, never a reason to scale it back up (Kubernetes refuses such a scale).
    /// </summary>
    public static int UnhealthyToCleanUp(int replicas, int available, int budgetLeft) =>
        Math.Max(0, Math.Min(budgetLeft, replicas - available));

    /// <summary>NewRSNewReplicas: how far the new ReplicaSet may grow now (the surge budget), or all the way for Recreate.</summary>
    public static int NewReplicaSetReplicas(JsonObject d, IReadOnlyList<JsonObject> allSets, JsonObject newRs)
    {
        if (!IsRollingUpdate(d)) return Replicas(d);
        var maxTotal = Replicas(d) + MaxSurge(d);
        var current = SpecReplicas(allSets);
        if (current >= maxTotal) return Replicas(newRs);
        var scaleUp = Math.Min(maxTotal - current, Replicas(d) - Replicas(newRs));
        return Replicas(newRs) + scaleUp;
    }

    /// <summary>Sets with spec.replicas &gt; 0.</summary>
    public static List<JsonObject> Active(IEnumerable<JsonObject?> sets) =>
        sets.Where(rs => rs is not null && Replicas(rs) > 0).Select(rs => rs!).ToList();
}
