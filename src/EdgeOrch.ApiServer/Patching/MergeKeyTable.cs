using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// patchMergeKey/patchStrategy and listType/listMapKey facts of the Kubernetes v1.32 API types EdgeOrch serves
/// (k8s.io/api core/v1, apps/v1, batch/v1, ...), keyed by the field path inside each kind. Lists not named here are atomic,
/// e.g. tolerations, envFrom, command, args, taints, rbac rules, ingress rules, endpoint subsets.
/// </summary>
internal static class MergeKeyTable
{
    private static readonly Dictionary<string, FieldSchema> ByKind = Build();

    /// <summary>The schema for a kind; custom resources get one derived from their CRD's openAPIV3Schema.</summary>
    public static FieldSchema For(ResourceType type)
    {
        if (type.IsCustom) return CrdFieldSchema.From(type.Schema);
        return ByKind.TryGetValue(KindKey(type.Group, type.Kind), out var schema) ? schema : Metadata(new FieldSchema(), "metadata");
    }

    private static string KindKey(string group, string kind) => group + "/" + kind;

    private static Dictionary<string, FieldSchema> Build()
    {
        var kinds = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);

        FieldSchema Kind(string group, string kind)
        {
            var s = Metadata(new FieldSchema(), "metadata");
            kinds[KindKey(group, kind)] = s;
            return s;
        }

        var pod = Kind("", "Pod");
        PodSpec(pod, "spec");
        pod.List("status.conditions", ListSchema.ByKey("type"))
            .List("status.podIPs", ListSchema.ByKey("ip"))
            .List("status.hostIPs", ListSchema.ByKey("ip"))
            .List("status.resourceClaimStatuses", ListSchema.ByKey("name"));

        // Workloads embed a PodTemplateSpec; their selector is a LabelSelector (structType=atomic).
        foreach (var (group, kind) in new[] { ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("batch", "Job") })
        {
            var s = Kind(group, kind);
            Metadata(s, "spec.template.metadata");
            PodSpec(s, "spec.template.spec");
            s.AtomicObject("spec.selector").List("status.conditions", ListSchema.ByKey("type"));
        }

        var cron = Kind("batch", "CronJob");
        Metadata(cron, "spec.jobTemplate.metadata");
        Metadata(cron, "spec.jobTemplate.spec.template.metadata");
        PodSpec(cron, "spec.jobTemplate.spec.template.spec");
        cron.AtomicObject("spec.jobTemplate.spec.selector");

        Kind("", "Service")
            .List("spec.ports", ListSchema.ByKeys("port", "port", "protocol"))
            .AtomicObject("spec.selector") // mapType=atomic
            .List("status.conditions", ListSchema.ByKey("type"));

        Kind("", "Namespace").List("status.conditions", ListSchema.ByKey("type"));
        Kind("", "Node")
            .List("spec.podCIDRs", ListSchema.PrimitiveSet)
            .List("status.conditions", ListSchema.ByKey("type"))
            .List("status.addresses", ListSchema.PatchOnly("type")) // listType=atomic for apply: duplicates are legal
            .Map("status.capacity").Map("status.allocatable");
        Kind("", "PersistentVolumeClaim")
            .List("status.conditions", ListSchema.ByKey("type"))
            .Map("spec.resources.requests").Map("spec.resources.limits").Map("status.capacity");
        Kind("", "PersistentVolume").Map("spec.capacity");
        Kind("", "ConfigMap").Map("data").Map("binaryData");
        Kind("", "Secret").Map("data").Map("stringData");
        Kind("", "ServiceAccount").List("secrets", ListSchema.ByKey("name"));
        Kind("networking.k8s.io", "NetworkPolicy").AtomicObject("spec.podSelector");
        Kind("apiextensions.k8s.io", "CustomResourceDefinition").List("status.conditions", ListSchema.ByKey("type"));
        return kinds;
    }

    private static FieldSchema Metadata(FieldSchema s, string at) =>
        s.List(at + ".finalizers", ListSchema.PrimitiveSet)
            .List(at + ".ownerReferences", ListSchema.ByKey("uid"));

    private static void PodSpec(FieldSchema s, string at)
    {
        foreach (var containers in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            string c = at + "." + containers;
            s.List(c, ListSchema.ByKey("name"))
                .List(c + ".ports", ListSchema.ByKeys("containerPort", "containerPort", "protocol"))
                .List(c + ".env", ListSchema.ByKey("name"))
                .List(c + ".volumeMounts", ListSchema.ByKey("mountPath"))
                .List(c + ".volumeDevices", ListSchema.ByKey("devicePath"))
                .List(c + ".resources.claims", ListSchema.ApplyOnly("name"))
                .Map(c + ".resources.limits").Map(c + ".resources.requests");
        }

        s.List(at + ".volumes", ListSchema.ByKey("name")) // patchStrategy merge,retainKeys
            .List(at + ".imagePullSecrets", ListSchema.ByKey("name"))
            .List(at + ".hostAliases", ListSchema.ByKey("ip"))
            .List(at + ".topologySpreadConstraints", ListSchema.ByKeys("topologyKey", "topologyKey", "whenUnsatisfiable"))
            .List(at + ".schedulingGates", ListSchema.ByKey("name"))
            .List(at + ".resourceClaims", ListSchema.ByKey("name"))
            .AtomicObject(at + ".topologySpreadConstraints.labelSelector")
            .Map(at + ".nodeSelector").Map(at + ".overhead");
    }
}
