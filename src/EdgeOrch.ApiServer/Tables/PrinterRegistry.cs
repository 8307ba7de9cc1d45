using System.Runtime.CompilerServices;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>Which printer renders which kind: Kubernetes' own columns for built-in kinds, CRD columns for custom ones.</summary>
internal static class PrinterRegistry
{
    private static readonly Dictionary<(string Group, string Kind), Printer> Builtin = new()
    {
        [("", "Pod")] = PodPrinter.Printer,
        [("", "Service")] = NetworkPrinters.Service,
        [("", "Endpoints")] = NetworkPrinters.Endpoints,
        [("", "Node")] = CorePrinters.Node,
        [("", "Namespace")] = CorePrinters.Namespace,
        [("", "ConfigMap")] = CorePrinters.ConfigMap,
        [("", "Secret")] = CorePrinters.Secret,
        [("", "ServiceAccount")] = CorePrinters.ServiceAccount,
        [("", "Event")] = CorePrinters.Event,
        [("", "PersistentVolumeClaim")] = CorePrinters.PersistentVolumeClaim,
        [("", "PersistentVolume")] = CorePrinters.PersistentVolume,
        [("apps", "Deployment")] = WorkloadPrinters.Deployment,
        [("apps", "ReplicaSet")] = WorkloadPrinters.ReplicaSet,
        [("apps", "StatefulSet")] = WorkloadPrinters.StatefulSet,
        [("apps", "DaemonSet")] = WorkloadPrinters.DaemonSet,
        [("apps", "ControllerRevision")] = WorkloadPrinters.ControllerRevision,
        [("batch", "Job")] = BatchPrinters.Job,
        [("batch", "CronJob")] = BatchPrinters.CronJob,
        [("networking.k8s.io", "Ingress")] = NetworkPrinters.Ingress,
        [("networking.k8s.io", "IngressClass")] = NetworkPrinters.IngressClass,
        [("networking.k8s.io", "NetworkPolicy")] = NetworkPrinters.NetworkPolicy,
        [("rbac.authorization.k8s.io", "Role")] = ClusterPrinters.CreatedAt,
        [("rbac.authorization.k8s.io", "ClusterRole")] = ClusterPrinters.CreatedAt,
        [("rbac.authorization.k8s.io", "RoleBinding")] = ClusterPrinters.RoleBinding,
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = ClusterPrinters.ClusterRoleBinding,
        [("coordination.k8s.io", "Lease")] = ClusterPrinters.Lease,
        [("discovery.k8s.io", "EndpointSlice")] = NetworkPrinters.EndpointSlice,
        [("scheduling.k8s.io", "PriorityClass")] = ClusterPrinters.PriorityClass,
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = ClusterPrinters.CreatedAt,
        [("storage.k8s.io", "StorageClass")] = PolicyPrinters.StorageClass,
        [("policy", "PodDisruptionBudget")] = PolicyPrinters.PodDisruptionBudget,
        [("node.k8s.io", "RuntimeClass")] = PolicyPrinters.RuntimeClass,
        [("admissionregistration.k8s.io", "MutatingWebhookConfiguration")] = PolicyPrinters.WebhookConfiguration,
        [("admissionregistration.k8s.io", "ValidatingWebhookConfiguration")] = PolicyPrinters.WebhookConfiguration,
    };

    // A CRD's columns are parsed once per ResourceType instance; a changed CRD yields a new instance.
    private static readonly ConditionalWeakTable<ResourceType, Printer> Custom = new();

    public static Printer For(ResourceType type)
    {
        if (type.IsCustom)
        {
            return Custom.GetValue(type, t => CustomResourcePrinter.Create(t.PrinterColumns));
        }
        return Builtin.TryGetValue((type.Group, type.Kind), out var printer) ? printer : ClusterPrinters.NameAge;
    }
}
