using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.DaemonSet;

/// <summary>
/// Whether a daemon pod belongs on a node (NodeShouldRunDaemonPod): nodeSelector, required node affinity, and taints
/// against the pod's tolerations. A NoSchedule taint that is not tolerated keeps new pods off the node but lets existing
/// ones stay; a NoExecute one (or a selector that no longer matches) removes them.
/// </summary>
internal static class NodeEligibility
{
    public static (bool ShouldRun, bool ShouldContinueRunning) Evaluate(JsonObject node, JsonObject podSpec)
    {
        var labels = Objects.Labels(node);
        foreach (var (k, v) in podSpec.Obj("nodeSelector").StringMap())
            if (labels.Str(k) != v)
                return (false, false);
        var required = podSpec.Obj("affinity").Obj("nodeAffinity").Obj("requiredDuringSchedulingIgnoredDuringExecution");
        if (required is not null && !MatchesAnyTerm(node, required.Arr("nodeSelectorTerms")))
            return (false, false);

        var tolerations = podSpec.Arr("tolerations").Objects().ToList();
        var shouldRun = true;
        foreach (var taint in node.Obj("spec").Arr("taints").Objects())
        {
            var effect = taint.Str("effect");
            if (effect is not ("NoSchedule" or "NoExecute") || tolerations.Any(t => Tolerates(t, taint)))
                continue;
            if (effect == "NoExecute")
                return (false, false);
            shouldRun = false;
        }
        return (shouldRun, true);
    }

    /// <summary>v1.Toleration.ToleratesTaint.</summary>
    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        var effect = toleration.Str("effect");
        if (!string.IsNullOrEmpty(effect) && effect != taint.Str("effect")) return false;
        var key = toleration.Str("key");
        if (!string.IsNullOrEmpty(key) && key != taint.Str("key")) return false;
        return toleration.Str("operator") switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Str("value") ?? "") == (taint.Str("value") ?? ""),
            _ => false,
        };
    }

    /// <summary>NodeSelectorTerms are ORed; inside a term every expression and field must hold; an empty term matches nothing.</summary>
    public static bool MatchesAnyTerm(JsonObject node, JsonArray? terms)
    {
        foreach (var term in terms.Objects())
        {
            var expressions = term.Arr("matchExpressions").Objects().ToList();
            var fields = term.Arr("matchFields").Objects().ToList();
            if (expressions.Count == 0 && fields.Count == 0) continue;
            var labels = Objects.Labels(node);
            if (expressions.All(e => Matches(e, labels, e.Str("key") ?? "")) &&
                fields.All(f => f.Str("key") == "metadata.name" && Matches(f, new JsonObject { ["metadata.name"] = Objects.Name(node) }, "metadata.name")))
                return true;
        }
        return false;
    }

    private static bool Matches(JsonObject requirement, JsonObject? labels, string key)
    {
        var has = labels?.ContainsKey(key) == true;
        var actual = labels.Str(key);
        var values = requirement.Arr("values")?.Select(JsonFields.AsString).ToList() ?? [];
        return requirement.Str("operator") switch
        {
            "In" => has && values.Contains(actual),
            "NotIn" => !has || !values.Contains(actual),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(actual, values) is > 0,
            "Lt" => has && Compare(actual, values) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string? actual, List<string?> values) =>
        values.Count == 1 && long.TryParse(actual, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) &&
        long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : null;

    /// <summary>The node a daemon pod is for: its binding, or before binding the name in its matchFields affinity.</summary>
    public static string? TargetNode(JsonObject pod)
    {
        if (pod.Obj("spec").Str("nodeName") is { Length: > 0 } bound) return bound;
        var terms = pod.Obj("spec").Obj("affinity").Obj("nodeAffinity").Obj("requiredDuringSchedulingIgnoredDuringExecution")
            .Arr("nodeSelectorTerms");
        foreach (var term in terms.Objects())
            foreach (var field in term.Arr("matchFields").Objects())
                if (field.Str("key") == "metadata.name" && field.Str("operator") == "In" && field.Arr("values") is { Count: 1 } v)
                    return JsonFields.AsString(v[0]);
        return null;
    }
}
