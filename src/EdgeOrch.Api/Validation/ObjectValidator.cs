using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Validation;

/// <summary>
/// Kubernetes' validation for the built-in kinds, with its field paths and messages. Call after
/// <see cref="ObjectDefaulter.Apply"/> (Kubernetes validates defaulted objects), and after the server has set
/// metadata.namespace from the URL (and cleared it for cluster-scoped kinds). Custom resources get metadata checks only.
/// </summary>
public static class ObjectValidator
{
    public static IReadOnlyList<FieldError> ValidateCreate(ResourceType type, JsonObject obj)
    {
        var errs = new List<FieldError>();
        MetadataValidation.Validate(type, obj, errs);
        if (!type.IsCustom)
            ValidateKind(type, obj, errs);
        return errs;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceType type, JsonObject newObj, JsonObject oldObj)
    {
        var errs = new List<FieldError>();
        MetadataValidation.Validate(type, newObj, errs);
        MetadataValidation.ValidateUpdate(newObj, oldObj, errs);
        if (type.IsCustom)
            return errs;
        ValidateKind(type, newObj, errs);
        switch (type.Group, type.Kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet"): WorkloadValidation.UpdateSelectorImmutable(newObj, oldObj, errs); break;
            case ("apps", "StatefulSet"): WorkloadValidation.StatefulSetUpdate(newObj, oldObj, errs); break;
            case ("batch", "Job"): BatchValidation.JobUpdate(newObj, oldObj, errs); break;
            case ("", "Service"): ServiceValidation.Update(newObj, oldObj, errs); break;
            case ("", "ConfigMap"): ConfigDataValidation.Update(newObj, oldObj, isSecret: false, errs); break;
            case ("", "Secret"): ConfigDataValidation.Update(newObj, oldObj, isSecret: true, errs); break;
            case ("", "PersistentVolumeClaim"): StorageValidation.PersistentVolumeClaimUpdate(newObj, oldObj, errs); break;
            case ("", "PersistentVolume"): StorageValidation.PersistentVolumeUpdate(newObj, oldObj, errs); break;
            case ("", "Node"): ClusterValidation.NodeUpdate(newObj, oldObj, errs); break;
            case ("scheduling.k8s.io", "PriorityClass"): ClusterValidation.PriorityClassUpdate(newObj, oldObj, errs); break;
            case ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding"): RbacValidation.BindingUpdate(newObj, oldObj, errs); break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"): CrdValidation.Update(newObj, oldObj, errs); break;
            case ("", "Pod"): PodUpdate(newObj, oldObj, errs); break;
        }
        return errs;
    }

    /// <summary>
    /// Status writes: identity must not change and counts must not go negative. The spec is not re-validated
    /// (the server keeps the stored spec on the status subresource).
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(ResourceType type, JsonObject newObj, JsonObject oldObj)
    {
        var errs = new List<FieldError>();
        MetadataValidation.ValidateUpdate(newObj, oldObj, errs);
        if (newObj.Obj("status") is { } status)
            foreach (var field in new[] { "replicas", "readyReplicas", "availableReplicas", "updatedReplicas", "currentReplicas",
                         "unavailableReplicas", "fullyLabeledReplicas", "observedGeneration", "active", "succeeded", "failed",
                         "currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady", "numberAvailable" })
                if (status.Int(field) is { } v && v < 0)
                    errs.Add(FieldError.Invalid("status." + field, v, "must be greater than or equal to 0"));
        if (type is { Group: "", Kind: "Pod" } && newObj.Obj("status")?.Str("phase") is { Length: > 0 } phase &&
            phase is not ("Pending" or "Running" or "Succeeded" or "Failed" or "Unknown"))
            errs.Add(FieldError.NotSupported("status.phase", phase, ["Pending", "Running", "Succeeded", "Failed", "Unknown"]));
        return errs;
    }

    private static void ValidateKind(ResourceType type, JsonObject obj, List<FieldError> errs)
    {
        switch (type.Group, type.Kind)
        {
            case ("", "Pod"): PodSpecValidation.Validate(obj.Obj("spec"), "spec", isPod: true, errs); break;
            case ("", "Service"): ServiceValidation.Validate(obj, errs); break;
            case ("", "ConfigMap"): ConfigDataValidation.ConfigMap(obj, errs); break;
            case ("", "Secret"): ConfigDataValidation.Secret(obj, errs); break;
            case ("", "PersistentVolumeClaim"): StorageValidation.PersistentVolumeClaim(obj, errs); break;
            case ("", "PersistentVolume"): StorageValidation.PersistentVolume(obj, errs); break;
            case ("", "Namespace"): ClusterValidation.Namespace(obj, errs); break;
            case ("", "Node"): ClusterValidation.Node(obj, errs); break;
            case ("", "Event"): ClusterValidation.Event(obj, errs); break;
            case ("apps", "Deployment"): WorkloadValidation.Deployment(obj, errs); break;
            case ("apps", "ReplicaSet"): WorkloadValidation.ReplicaSet(obj, errs); break;
            case ("apps", "StatefulSet"): WorkloadValidation.StatefulSet(obj, errs); break;
            case ("apps", "DaemonSet"): WorkloadValidation.DaemonSet(obj, errs); break;
            case ("batch", "Job"): BatchValidation.Job(obj, errs); break;
            case ("batch", "CronJob"): BatchValidation.CronJob(obj, errs); break;
            case ("networking.k8s.io", "Ingress"): NetworkingValidation.Ingress(obj, errs); break;
            case ("networking.k8s.io", "IngressClass"): NetworkingValidation.IngressClass(obj, errs); break;
            case ("networking.k8s.io", "NetworkPolicy"): NetworkingValidation.NetworkPolicy(obj, errs); break;
            case ("rbac.authorization.k8s.io", "Role"): RbacValidation.Role(obj, namespaced: true, errs); break;
            case ("rbac.authorization.k8s.io", "ClusterRole"): RbacValidation.Role(obj, namespaced: false, errs); break;
            case ("rbac.authorization.k8s.io", "RoleBinding"): RbacValidation.Binding(obj, namespaced: true, errs); break;
            case ("rbac.authorization.k8s.io", "ClusterRoleBinding"): RbacValidation.Binding(obj, namespaced: false, errs); break;
            case ("coordination.k8s.io", "Lease"): ClusterValidation.Lease(obj, errs); break;
            case ("scheduling.k8s.io", "PriorityClass"): ClusterValidation.PriorityClass(obj, errs); break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"): CrdValidation.Validate(obj, errs); break;
        }
    }

    /// <summary>
    /// A pod's spec is fixed once created, except container images, activeDeadlineSeconds, tolerations (additions)
    /// and scheduling gates; Kubernetes refuses the rest with one Forbidden on "spec".
    /// </summary>
    private static void PodUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        static JsonObject Masked(JsonObject pod)
        {
            var spec = (pod.Obj("spec") ?? new JsonObject()).DeepClone().AsObject();
            foreach (var list in new[] { "containers", "initContainers" })
                foreach (var c in spec.Arr(list).Objects())
                    c.Remove("image");
            spec.Remove("activeDeadlineSeconds");
            spec.Remove("tolerations");
            spec.Remove("schedulingGates");
            // nodeName is set by binding, through its own subresource.
            spec.Remove("nodeName");
            return spec;
        }
        if (!JsonFields.DeepEquals(Masked(newObj), Masked(oldObj)))
            errs.Add(FieldError.Forbidden("spec",
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
    }
}
