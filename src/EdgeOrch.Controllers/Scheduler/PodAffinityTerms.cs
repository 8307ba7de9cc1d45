using System.Text.Json.Nodes;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>One pod (anti-)affinity term: which pods it selects (label selector within namespaces) and the topology domain.</summary>
internal sealed record AffinityTerm(JsonObject? Selector, IReadOnlySet<string>? Namespaces, string TopologyKey, long Weight)
{
    /// <summary>A nil label selector selects nothing, as in Kubernetes; <see cref="Namespaces"/> null means every namespace.</summary>
    public bool Selects(JsonObject pod) =>
        (Namespaces is null || Namespaces.Contains(JsonRead.Namespace(pod) ?? "default")) &&
        LabelSelectors.Matches(Selector, JsonRead.Labels(pod));
}

/// <summary>The pod affinity and anti-affinity terms of a pod (spec.affinity.podAffinity / podAntiAffinity).</summary>
internal sealed class PodAffinityTerms
{
    public PodAffinityTerms(JsonObject pod)
    {
        var ns = JsonRead.Namespace(pod) ?? "default";
        var affinity = pod.Obj("spec").Obj("affinity");
        Read(affinity.Obj("podAffinity"), ns, RequiredAffinity, PreferredAffinity);
        Read(affinity.Obj("podAntiAffinity"), ns, RequiredAnti, PreferredAnti);
    }

    public List<AffinityTerm> RequiredAffinity { get; } = [];

    public List<AffinityTerm> RequiredAnti { get; } = [];

    public List<AffinityTerm> PreferredAffinity { get; } = [];

    public List<AffinityTerm> PreferredAnti { get; } = [];

    public bool HasRequired => RequiredAffinity.Count > 0 || RequiredAnti.Count > 0;

    public bool IsEmpty => !HasRequired && PreferredAffinity.Count == 0 && PreferredAnti.Count == 0;

    public static bool HasAny(JsonObject pod)
    {
        var affinity = pod.Obj("spec").Obj("affinity");
        return affinity?["podAffinity"] is JsonObject || affinity?["podAntiAffinity"] is JsonObject;
    }

    private static void Read(JsonObject? section, string ns, List<AffinityTerm> required, List<AffinityTerm> preferred)
    {
        foreach (var term in section.Arr("requiredDuringSchedulingIgnoredDuringExecution").Objects())
            required.Add(Term(term, ns, 1));
        foreach (var weighted in section.Arr("preferredDuringSchedulingIgnoredDuringExecution").Objects())
            if (weighted.Obj("podAffinityTerm") is { } term)
                preferred.Add(Term(term, ns, weighted.Long("weight") ?? 0));
    }

    private static AffinityTerm Term(JsonObject term, string ownNamespace, long weight)
    {
        var listed = term.Arr("namespaces")?.Select(JsonRead.AsString).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var nsSelector = term.Obj("namespaceSelector");
        // An empty namespaceSelector ({}) selects all namespaces. A non-empty one would need namespace labels, which the
        // scheduler does not watch: it then counts the listed namespaces only.
        IReadOnlySet<string>? namespaces = nsSelector is not null && LabelSelectors.IsEmpty(nsSelector) ? null
            : listed.Count > 0 || nsSelector is not null ? listed
            : new HashSet<string>(StringComparer.Ordinal) { ownNamespace };
        return new AffinityTerm(term.Obj("labelSelector"), namespaces, term.Str("topologyKey") ?? "", weight);
    }
}
