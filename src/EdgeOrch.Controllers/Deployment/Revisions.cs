using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>
/// The deployment.kubernetes.io annotations that carry rollout history (what `kubectl rollout history|undo` read): the
/// revision of each ReplicaSet, the revisions a reused ReplicaSet had before (revision-history), and the desired/max
/// replica counts used for proportional scaling.
/// </summary>
internal static class Revisions
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    private const int MaxHistoryChars = 2000;

    /// <summary>Deployment annotations that are not copied to its ReplicaSets.</summary>
    private static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration", Revision, RevisionHistory, DesiredReplicas, MaxReplicas,
        "deprecated.deployment.rollback.to",
    ];

    public static long Of(JsonObject? rs) =>
        rs is not null && long.TryParse(rs.Annotation(Revision), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    public static long Max(IEnumerable<JsonObject> sets) => sets.Select(Of).DefaultIfEmpty(0).Max();

    /// <summary>Copies the Deployment's annotations (except the rollout ones) onto the ReplicaSet; true when something changed.</summary>
    public static bool CopyDeploymentAnnotations(JsonObject d, JsonObject rs)
    {
        var changed = false;
        foreach (var (key, value) in d.Obj("metadata").Obj("annotations") ?? [])
        {
            if (NotCopied.Contains(key) || value is null) continue;
            if (JsonNode.DeepEquals(rs.Obj("metadata").Obj("annotations")?[key], value)) continue;
            rs.Meta().Ensure("annotations")[key] = value.DeepClone();
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// SetNewReplicaSetAnnotations: copy annotations, raise the revision to <paramref name="newRevision"/> (remembering the old
    /// one in revision-history when a ReplicaSet is reused by a rollback), and for a set about to be created the replica counts.
    /// </summary>
    public static bool SetNewReplicaSetAnnotations(JsonObject d, JsonObject rs, long newRevision, bool exists)
    {
        var changed = CopyDeploymentAnnotations(d, rs);
        var oldText = rs.Annotation(Revision);
        var hadRevision = oldText is not null;
        var oldRevision = Of(rs);
        if (hadRevision && oldText!.Length > 0 && !long.TryParse(oldText, out _)) return changed;
        if (oldRevision < newRevision)
        {
            rs.SetAnnotation(Revision, newRevision.ToString(CultureInfo.InvariantCulture));
            changed = true;
            if (hadRevision) AppendHistory(rs, oldText!);
        }
        if (!exists && SetReplicasAnnotations(rs, RolloutMath.Replicas(d), RolloutMath.Replicas(d) + RolloutMath.MaxSurge(d)))
            changed = true;
        return changed;
    }

    private static void AppendHistory(JsonObject rs, string oldRevision)
    {
        var history = rs.Annotation(RevisionHistory) ?? "";
        if (history.Length == 0)
        {
            rs.SetAnnotation(RevisionHistory, oldRevision);
            return;
        }
        // Drop the oldest entries while the list would outgrow the limit.
        var entries = history.Split(',').ToList();
        var total = history.Length + oldRevision.Length + 1;
        while (total > MaxHistoryChars && entries.Count > 0)
        {
            total -= entries[0].Length + 1;
            entries.RemoveAt(0);
        }
        if (total > MaxHistoryChars) return;
        entries.Add(oldRevision);
        rs.SetAnnotation(RevisionHistory, string.Join(',', entries));
    }

    public static bool SetReplicasAnnotations(JsonObject rs, int desired, int max)
    {
        if (!NeedReplicasUpdate(rs, desired, max)) return false;
        rs.SetAnnotation(DesiredReplicas, desired.ToString(CultureInfo.InvariantCulture));
        rs.SetAnnotation(MaxReplicas, max.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    public static bool NeedReplicasUpdate(JsonObject rs, int desired, int max) =>
        rs.Annotation(DesiredReplicas) != desired.ToString(CultureInfo.InvariantCulture)
        || rs.Annotation(MaxReplicas) != max.ToString(CultureInfo.InvariantCulture);

    public static int? DesiredOf(JsonObject rs) => int.TryParse(rs.Annotation(DesiredReplicas), out var v) ? v : null;

    public static int? MaxOf(JsonObject rs) => int.TryParse(rs.Annotation(MaxReplicas), out var v) ? v : null;
}
