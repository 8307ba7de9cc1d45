namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>core/v1 scheduling messages of a PodSpec: affinity, tolerations, topology spread, DNS, gates, claims.</summary>
internal static class PodSchedulingSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("Affinity",
            "1 nodeAffinity NodeAffinity; 2 podAffinity PodAffinity; 3 podAntiAffinity PodAntiAffinity");
        b.Message("NodeAffinity",
            "1 requiredDuringSchedulingIgnoredDuringExecution NodeSelector; " +
            "2 preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm");
        b.Message("NodeSelector", "1 nodeSelectorTerms []NodeSelectorTerm");
        b.Message("NodeSelectorTerm", "1 matchExpressions []NodeSelectorRequirement; 2 matchFields []NodeSelectorRequirement");
        b.Message("NodeSelectorRequirement", "1 key s!; 2 operator s!; 3 values []s");
        b.Message("PreferredSchedulingTerm", "1 weight i32!; 2 preference NodeSelectorTerm");
        b.Message("PodAffinity",
            "1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; " +
            "2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm");
        b.Message("PodAntiAffinity",
            "1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; " +
            "2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm");
        b.Message("PodAffinityTerm",
            "1 labelSelector LabelSelector; 2 namespaces []s; 3 topologyKey s!; 4 namespaceSelector LabelSelector; " +
            "5 matchLabelKeys []s; 6 mismatchLabelKeys []s");
        b.Message("WeightedPodAffinityTerm", "1 weight i32!; 2 podAffinityTerm PodAffinityTerm");
        b.Message("Toleration", "1 key s; 2 operator s; 3 value s; 4 effect s; 5 tolerationSeconds i64!");
        b.Message("TopologySpreadConstraint",
            "1 maxSkew i32!; 2 topologyKey s!; 3 whenUnsatisfiable s!; 4 labelSelector LabelSelector; 5 minDomains i32!; " +
            "6 nodeAffinityPolicy s!; 7 nodeTaintsPolicy s!; 8 matchLabelKeys []s");
        b.Message("HostAlias", "1 ip s!; 2 hostnames []s");
        b.Message("PodDNSConfig", "1 nameservers []s; 2 searches []s; 3 options []PodDNSConfigOption");
        b.Message("PodDNSConfigOption", "1 name s; 2 value s!");
        b.Message("PodReadinessGate", "1 conditionType s!");
        b.Message("PodSchedulingGate", "1 name s!");
        b.Message("PodResourceClaim", "1 name s!; 3 resourceClaimName s!; 4 resourceClaimTemplateName s!");
        b.Message("PodOS", "1 name s!");
    }
}
