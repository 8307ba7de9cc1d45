namespace EdgeOrch.Api.Resources;

/// <summary>The built-in kinds EdgeOrch serves, with the short names and categories kubectl users know.</summary>
public static class BuiltinResources
{
    private static readonly string[] None = [];
    private static readonly string[] All = ["all"];

    public static readonly IReadOnlyList<ResourceType> Types =
    [
        // core/v1
        new("", "v1", "Namespace", "namespaces", false, ["ns"], HasStatus: true),
        new("", "v1", "Pod", "pods", true, ["po"], HasStatus: true, Categories: All),
        new("", "v1", "Service", "services", true, ["svc"], HasStatus: true, Categories: All),
        new("", "v1", "Endpoints", "endpoints", true, ["ep"], Singular: "endpoints"),
        new("", "v1", "ConfigMap", "configmaps", true, ["cm"]),
        new("", "v1", "Secret", "secrets", true, None),
        new("", "v1", "Node", "nodes", false, ["no"], HasStatus: true),
        new("", "v1", "Event", "events", true, ["ev"]),
        new("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"]),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], HasStatus: true),
        new("", "v1", "PersistentVolume", "persistentvolumes", false, ["pv"], HasStatus: true),
        // apps/v1
        new("apps", "v1", "Deployment", "deployments", true, ["deploy"], HasStatus: true, HasScale: true, Categories: All),
        new("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], HasStatus: true, HasScale: true, Categories: All),
        new("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], HasStatus: true, HasScale: true, Categories: All),
        new("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], HasStatus: true, Categories: All),
        new("apps", "v1", "ControllerRevision", "controllerrevisions", true, None),
        // batch/v1
        new("batch", "v1", "Job", "jobs", true, None, HasStatus: true, Categories: All),
        new("batch", "v1", "CronJob", "cronjobs", true, ["cj"], HasStatus: true, Categories: All),
        // networking.k8s.io/v1
        new("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], HasStatus: true),
        new("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, None),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
        // rbac.authorization.k8s.io/v1
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true, None),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, None),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, None),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, None),
        // coordination.k8s.io/v1
        new("coordination.k8s.io", "v1", "Lease", "leases", true, None),
        // discovery.k8s.io/v1
        new("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, None),
        // scheduling.k8s.io/v1
        new("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, ["pc"]),
        // apiextensions.k8s.io/v1
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], HasStatus: true),
    ];
}
