using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>apps/v1 defaults: Deployment, ReplicaSet, StatefulSet, DaemonSet (SetDefaults_* in pkg/apis/apps/v1).</summary>
internal static class WorkloadDefaults
{
    public static void Deployment(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        spec.Default("replicas", 1L);
        var strategy = spec.Ensure("strategy");
        strategy.Default("type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = strategy.Ensure("rollingUpdate");
            if (rolling["maxUnavailable"] is null) rolling["maxUnavailable"] = "25%";
            if (rolling["maxSurge"] is null) rolling["maxSurge"] = "25%";
        }
        spec.Default("revisionHistoryLimit", 10L);
        spec.Default("progressDeadlineSeconds", 600L);
        PodSpecDefaults.ApplyTemplate(spec.Obj("template"));
    }

    public static void ReplicaSet(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        spec.Default("replicas", 1L);
        PodSpecDefaults.ApplyTemplate(spec.Obj("template"));
    }

    public static void StatefulSet(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        spec.Default("podManagementPolicy", "OrderedReady");
        var strategy = spec.Ensure("updateStrategy");
        if (strategy.IsUnset("type"))
        {
            strategy["type"] = "RollingUpdate";
            strategy.Ensure("rollingUpdate");
        }
        if (strategy.Str("type") == "RollingUpdate" && strategy.Obj("rollingUpdate") is { } rolling)
            rolling.Default("partition", 0L);

        var retention = spec.Ensure("persistentVolumeClaimRetentionPolicy");
        retention.Default("whenDeleted", "Retain");
        retention.Default("whenScaled", "Retain");
        spec.Default("replicas", 1L);
        spec.Default("revisionHistoryLimit", 10L);
        PodSpecDefaults.ApplyTemplate(spec.Obj("template"));

        foreach (var claim in spec.Arr("volumeClaimTemplates").Objects())
        {
            // Kubernetes prints embedded claims with their type and a defaulted (Pending) status.
            claim.Default("apiVersion", "v1");
            claim.Default("kind", "PersistentVolumeClaim");
            PodSpecDefaults.TemplateMetadata(claim);
            CoreDefaults.PersistentVolumeClaim(claim);
        }
    }

    public static void DaemonSet(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        var strategy = spec.Ensure("updateStrategy");
        strategy.Default("type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = strategy.Ensure("rollingUpdate");
            if (rolling["maxUnavailable"] is null) rolling["maxUnavailable"] = JsonFields.Number(1);
            if (rolling["maxSurge"] is null) rolling["maxSurge"] = JsonFields.Number(0);
        }
        spec.Default("revisionHistoryLimit", 10L);
        PodSpecDefaults.ApplyTemplate(spec.Obj("template"));
    }
}
