using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// Applies Kubernetes' defaulting to a built-in object in place, so objects read back look like a real cluster's.
/// Custom resources are left alone (their schema defaults are the server's business).
/// </summary>
/// <remarks>
/// Not done here, on purpose:
/// - State-dependent values: cluster IPs, node ports (<see cref="ServiceDefaults"/> hooks), Job selectors and
///   controller-uid labels (<see cref="JobDefaults"/>), uid/resourceVersion/creationTimestamp/generation.
/// - Admission plugins' work: serviceAccountName and the token volume, priority from the PriorityClass,
///   default tolerations for not-ready/unreachable, LimitRanger defaults.
/// - Pod status at creation (phase Pending, qosClass): the pod strategy's job.
/// - Feature-gated alpha defaults off in 1.32 (pod-level resources, image volume pull policy) and rarely used
///   volume plugins (iSCSI, RBD, AzureDisk, ...), ReplicationController and PodTemplate (not served).
/// </remarks>
public static class ObjectDefaulter
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom)
            return;
        switch (type.Group, type.Kind)
        {
            case ("", "Pod"): PodSpecDefaults.ApplyPod(obj); break;
            case ("", "Service"): ServiceDefaults.Apply(obj); break;
            case ("", "Secret"): CoreDefaults.Secret(obj); break;
            case ("", "PersistentVolumeClaim"): CoreDefaults.PersistentVolumeClaim(obj); break;
            case ("", "PersistentVolume"): CoreDefaults.PersistentVolume(obj); break;
            case ("", "Namespace"): CoreDefaults.Namespace(obj); break;
            case ("", "Endpoints"): CoreDefaults.Endpoints(obj); break;
            case ("", "Node"): CoreDefaults.Node(obj); break;
            case ("apps", "Deployment"): WorkloadDefaults.Deployment(obj); break;
            case ("apps", "ReplicaSet"): WorkloadDefaults.ReplicaSet(obj); break;
            case ("apps", "StatefulSet"): WorkloadDefaults.StatefulSet(obj); break;
            case ("apps", "DaemonSet"): WorkloadDefaults.DaemonSet(obj); break;
            case ("batch", "Job"): BatchDefaults.Job(obj); break;
            case ("batch", "CronJob"): BatchDefaults.CronJob(obj); break;
            case ("networking.k8s.io", "NetworkPolicy"): ClusterDefaults.NetworkPolicy(obj); break;
            // Ingress v1 has no spec defaults (pathType is required, not defaulted); Go prints the empty status.
            case ("networking.k8s.io", "Ingress"): obj.Ensure("status").Ensure("loadBalancer"); break;
            case ("discovery.k8s.io", "EndpointSlice"): ClusterDefaults.EndpointSlice(obj); break;
            case ("scheduling.k8s.io", "PriorityClass"): ClusterDefaults.PriorityClass(obj); break;
            case ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding"): ClusterDefaults.Binding(obj); break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"): ClusterDefaults.CustomResourceDefinition(obj); break;
        }
    }
}
