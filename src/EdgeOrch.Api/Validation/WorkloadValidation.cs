using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>apps/v1 kinds: Deployment, ReplicaSet, StatefulSet, DaemonSet.</summary>
internal static class WorkloadValidation
{
    private static readonly string[] DeploymentStrategies = ["Recreate", "RollingUpdate"];
    private static readonly string[] SetStrategies = ["OnDelete", "RollingUpdate"];
    private static readonly string[] PodManagementPolicies = ["OrderedReady", "Parallel"];
    private static readonly string[] RetentionPolicies = ["Retain", "Delete"];

    /// <summary>The StatefulSet spec fields an update may change (Kubernetes 1.32).</summary>
    private static readonly string[] StatefulSetMutable = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public static void Deployment(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        TemplateValidation.NonNegative(spec, "spec", errs, "replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds");
        TemplateValidation.SelectorAndTemplate(spec, "spec", "deployment", requireRestartAlways: true, errs);

        var strategy = spec.Obj("strategy");
        var type = strategy.Str("type");
        if (type is not null && !DeploymentStrategies.Contains(type))
            errs.Add(FieldError.NotSupported("spec.strategy.type", type, DeploymentStrategies));
        if (type == "Recreate" && strategy?["rollingUpdate"] is not null)
            errs.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        if (type == "RollingUpdate" && strategy.Obj("rollingUpdate") is { } rolling)
        {
            var unavailable = TemplateValidation.IntOrPercent(rolling["maxUnavailable"], "spec.strategy.rollingUpdate.maxUnavailable", errs);
            var surge = TemplateValidation.IntOrPercent(rolling["maxSurge"], "spec.strategy.rollingUpdate.maxSurge", errs);
            if (unavailable == 0 && surge == 0)
                errs.Add(FieldError.InvalidRaw("spec.strategy.rollingUpdate.maxUnavailable", TemplateValidation.GoIntOrString(rolling["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"));
            if (JsonFields.AsString(rolling["maxUnavailable"]) is not null && unavailable > 100)
                errs.Add(FieldError.Invalid("spec.strategy.rollingUpdate.maxUnavailable", JsonFields.AsString(rolling["maxUnavailable"])!, "must not be greater than 100%"));
        }

        if (spec.Int("progressDeadlineSeconds") is { } deadline && deadline <= (spec.Int("minReadySeconds") ?? 0))
            errs.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }

    public static void ReplicaSet(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        TemplateValidation.NonNegative(spec, "spec", errs, "replicas", "minReadySeconds");
        // Kubernetes reuses the Deployment wording here.
        TemplateValidation.SelectorAndTemplate(spec, "spec", "deployment", requireRestartAlways: true, errs);
    }

    public static void StatefulSet(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        TemplateValidation.NonNegative(spec, "spec", errs, "replicas", "minReadySeconds", "revisionHistoryLimit");
        TemplateValidation.SelectorAndTemplate(spec, "spec", "statefulset", requireRestartAlways: true, errs);

        if (spec.Str("podManagementPolicy") is { } pmp && !PodManagementPolicies.Contains(pmp))
            errs.Add(FieldError.NotSupported("spec.podManagementPolicy", pmp, PodManagementPolicies));
        var strategy = spec.Obj("updateStrategy");
        var type = strategy.Str("type");
        if (type is not null && !SetStrategies.Contains(type))
            errs.Add(FieldError.NotSupported("spec.updateStrategy.type", type, SetStrategies));
        if (type == "OnDelete" && strategy?["rollingUpdate"] is not null)
            errs.Add(FieldError.Invalid("spec.updateStrategy.rollingUpdate", "", "only allowed for updateStrategy 'RollingUpdate'"));
        if (strategy.Obj("rollingUpdate")?.Int("partition") is { } partition && partition < 0)
            errs.Add(FieldError.Invalid("spec.updateStrategy.rollingUpdate.partition", partition, "must be greater than or equal to 0"));
        if (spec.Obj("ordinals")?.Int("start") is { } start && start < 0)
            errs.Add(FieldError.Invalid("spec.ordinals.start", start, "must be greater than or equal to 0"));

        var retention = spec.Obj("persistentVolumeClaimRetentionPolicy");
        foreach (var when in new[] { "whenDeleted", "whenScaled" })
            if (retention.Str(when) is { } policy && !RetentionPolicies.Contains(policy))
                errs.Add(FieldError.NotSupported($"spec.persistentVolumeClaimRetentionPolicy.{when}", policy, RetentionPolicies));

        foreach (var (i, claim) in spec.Arr("volumeClaimTemplates").Indexed())
        {
            var name = claim.Obj("metadata")?.Str("name") ?? "";
            var path = $"spec.volumeClaimTemplates[{i}]";
            if (name.Length == 0)
                errs.Add(FieldError.Required(path + ".metadata.name", "name or generateName is required"));
            else
                foreach (var msg in NameValidation.IsDns1123Subdomain(name))
                    errs.Add(FieldError.Invalid(path + ".metadata.name", name, msg));
            StorageValidation.ClaimSpec(claim.Obj("spec"), path + ".spec", errs);
        }
    }

    public static void DaemonSet(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        TemplateValidation.NonNegative(spec, "spec", errs, "minReadySeconds", "revisionHistoryLimit");
        TemplateValidation.SelectorAndTemplate(spec, "spec", "daemonset", requireRestartAlways: true, errs);
        var strategy = spec.Obj("updateStrategy");
        var type = strategy.Str("type");
        if (type is not null && !SetStrategies.Contains(type))
            errs.Add(FieldError.NotSupported("spec.updateStrategy.type", type, SetStrategies));
        if (type == "RollingUpdate" && strategy.Obj("rollingUpdate") is { } rolling)
        {
            var unavailable = TemplateValidation.IntOrPercent(rolling["maxUnavailable"], "spec.updateStrategy.rollingUpdate.maxUnavailable", errs);
            var surge = TemplateValidation.IntOrPercent(rolling["maxSurge"], "spec.updateStrategy.rollingUpdate.maxSurge", errs);
            if (unavailable == 0 && surge == 0)
                errs.Add(FieldError.InvalidRaw("spec.updateStrategy.rollingUpdate.maxUnavailable", TemplateValidation.GoIntOrString(rolling["maxUnavailable"]), "cannot be 0 when maxSurge is 0"));
        }
    }

    public static void UpdateSelectorImmutable(JsonObject newObj, JsonObject oldObj, List<FieldError> errs) =>
        TemplateValidation.ImmutableSelector(newObj.Obj("spec"), oldObj.Obj("spec"), "spec", errs);

    public static void StatefulSetUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = (newObj.Obj("spec") ?? new JsonObject()).DeepClone().AsObject();
        var oldSpec = (oldObj.Obj("spec") ?? new JsonObject()).DeepClone().AsObject();
        foreach (var field in StatefulSetMutable)
        {
            newSpec.Remove(field);
            oldSpec.Remove(field);
        }
        if (!JsonFields.DeepEquals(newSpec, oldSpec))
            errs.Add(FieldError.Forbidden("spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
}
