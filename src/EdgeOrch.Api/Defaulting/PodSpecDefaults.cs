using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// Kubernetes' PodSpec defaults, applied to Pods and to every pod template (Deployment, ReplicaSet, StatefulSet,
/// DaemonSet, Job, CronJob), plus the few defaults Kubernetes gives only to Pod objects (SetDefaults_Pod).
/// </summary>
internal static class PodSpecDefaults
{
    public static void ApplyPod(JsonObject pod)
    {
        var spec = pod.Ensure("spec");
        // Pod only: a limit without a request means request == limit (not for templates, where it would be
        // copied into every pod's stored spec of older controllers).
        foreach (var c in Containers(spec, includeEphemeral: false))
            CopyLimitsToRequests(c);
        spec.Default("enableServiceLinks", true);
        if (spec.Bool("hostNetwork") == true)
        {
            foreach (var c in Containers(spec, includeEphemeral: false))
                foreach (var p in c.Arr("ports").Objects())
                    if (p.Int("hostPort") is null or 0 && p["containerPort"] is not null)
                        p["hostPort"] = p["containerPort"]!.DeepClone();
        }
        ApplySpec(spec);
    }

    /// <summary>A PodTemplateSpec: template metadata as Kubernetes 1.32 prints it, and the pod spec defaults.</summary>
    public static void ApplyTemplate(JsonObject? template)
    {
        if (template is null) return;
        TemplateMetadata(template);
        ApplySpec(template.Ensure("spec"));
    }

    /// <summary>
    /// Embedded ObjectMeta is a struct in Go, and Kubernetes 1.32 prints its zero creationTimestamp as null:
    /// templates read back with "metadata: {creationTimestamp: null}".
    /// </summary>
    public static void TemplateMetadata(JsonObject holder)
    {
        var meta = holder.Ensure("metadata");
        if (!meta.ContainsKey("creationTimestamp"))
            meta["creationTimestamp"] = null;
    }

    public static void ApplySpec(JsonObject spec)
    {
        spec.Default("dnsPolicy", "ClusterFirst");
        spec.Default("restartPolicy", "Always");
        if (spec["securityContext"] is null)
            spec["securityContext"] = new JsonObject();
        spec.Default("terminationGracePeriodSeconds", 30L);
        spec.Default("schedulerName", "default-scheduler");

        foreach (var c in Containers(spec, includeEphemeral: true))
            ContainerDefaults.Apply(c);
        foreach (var v in spec.Arr("volumes").Objects())
            VolumeDefaults.Apply(v);
        ResourceListDefaults.Canonicalize(spec.Obj("overhead"));
    }

    private static IEnumerable<JsonObject> Containers(JsonObject spec, bool includeEphemeral)
    {
        foreach (var c in spec.Arr("initContainers").Objects()) yield return c;
        foreach (var c in spec.Arr("containers").Objects()) yield return c;
        if (includeEphemeral)
            foreach (var c in spec.Arr("ephemeralContainers").Objects()) yield return c;
    }

    private static void CopyLimitsToRequests(JsonObject container)
    {
        if (container.Obj("resources")?.Obj("limits") is not { } limits)
            return;
        var requests = container.Obj("resources")!.Ensure("requests");
        foreach (var (name, value) in limits)
            if (!requests.ContainsKey(name))
                requests[name] = value?.DeepClone();
    }
}
