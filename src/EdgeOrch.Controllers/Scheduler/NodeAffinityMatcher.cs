using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// spec.nodeSelector and spec.affinity.nodeAffinity against a node's labels and name: the NodeAffinity filter (required
/// terms, ORed; expressions within a term ANDed) and its score (sum of the weights of matching preferred terms).
/// </summary>
internal static class NodeAffinityMatcher
{
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    public static FilterStatus Filter(SchedulingPod pod, NodeInfo node)
    {
        foreach (var (key, value) in pod.Spec.Obj("nodeSelector").StringMap())
            if (node.Labels.Str(key) != value)
                return FilterStatus.Unresolvable(Reason);
        var required = pod.NodeAffinity.Obj("requiredDuringSchedulingIgnoredDuringExecution");
        if (required is not null && !required.Arr("nodeSelectorTerms").Objects().Any(t => TermMatches(t, node)))
            return FilterStatus.Unresolvable(Reason);
        return FilterStatus.Success;
    }

    /// <summary>Raw score: the summed weights of the preferred terms the node matches.</summary>
    public static long Score(SchedulingPod pod, NodeInfo node)
    {
        long score = 0;
        foreach (var preferred in pod.NodeAffinity.Arr("preferredDuringSchedulingIgnoredDuringExecution").Objects())
            if (preferred.Obj("preference") is { } term && TermMatches(term, node))
                score += preferred.Long("weight") ?? 0;
        return score;
    }

    /// <summary>A term with neither expressions nor fields matches nothing (Kubernetes' nodeSelectorTerm semantics).</summary>
    public static bool TermMatches(JsonObject term, NodeInfo node)
    {
        var expressions = term.Arr("matchExpressions");
        var fields = term.Arr("matchFields");
        if ((expressions?.Count ?? 0) == 0 && (fields?.Count ?? 0) == 0)
            return false;
        foreach (var e in expressions.Objects())
            if (!RequirementMatches(e, node.Labels))
                return false;
        foreach (var f in fields.Objects())
        {
            // metadata.name is the only field Kubernetes supports here.
            if (f.Str("key") != "metadata.name")
                return false;
            if (!RequirementMatches(f, new JsonObject { ["metadata.name"] = node.Name }))
                return false;
        }
        return true;
    }

    private static bool RequirementMatches(JsonObject requirement, JsonObject? labels)
    {
        var key = requirement.Str("key") ?? "";
        var present = labels?.ContainsKey(key) == true;
        var actual = labels.Str(key);
        var values = requirement.Arr("values")?.Select(JsonRead.AsString).OfType<string>().ToList() ?? [];
        return requirement.Str("operator") switch
        {
            "In" => present && values.Contains(actual!),
            "NotIn" => !present || !values.Contains(actual!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && values.Count == 1 && TryInt(actual, out var a) && TryInt(values[0], out var b) && a > b,
            "Lt" => present && values.Count == 1 && TryInt(actual, out var c) && TryInt(values[0], out var d) && c < d,
            _ => false,
        };
    }

    private static bool TryInt(string? s, out long value) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
