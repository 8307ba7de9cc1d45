using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>batch/v1 defaults: Job and CronJob.</summary>
internal static class BatchDefaults
{
    public static void Job(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        JobSpec(spec);
        // A Job without labels takes its template's labels (SetDefaults_Job).
        var templateLabels = spec.Obj("template")?.Obj("metadata")?.Obj("labels");
        if (templateLabels is { Count: > 0 } && (obj.Obj("metadata")?.Obj("labels") is null or { Count: 0 }))
            obj.Ensure("metadata")["labels"] = templateLabels.DeepClone();
    }

    private static void JobSpec(JsonObject spec)
    {
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = JsonFields.Number(1);
            spec["parallelism"] = JsonFields.Number(1);
        }
        spec.Default("parallelism", 1L);
        // With a per-index limit the global limit is effectively off (math.MaxInt32 in Kubernetes).
        spec.Default("backoffLimit", spec["backoffLimitPerIndex"] is null ? 6L : int.MaxValue);
        spec.Default("completionMode", "NonIndexed");
        spec.Default("suspend", false);
        spec.Default("podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        foreach (var rule in spec.Obj("podFailurePolicy")?.Arr("rules").Objects() ?? [])
            foreach (var pattern in rule.Arr("onPodConditions").Objects())
                pattern.Default("status", "True");
        PodSpecDefaults.ApplyTemplate(spec.Obj("template"));
    }

    public static void CronJob(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        spec.Default("concurrencyPolicy", "Allow");
        spec.Default("suspend", false);
        spec.Default("successfulJobsHistoryLimit", 3L);
        spec.Default("failedJobsHistoryLimit", 1L);
        // Only the pod template inside a jobTemplate is defaulted: Job-level defaults apply when the Job is created.
        var jobTemplate = spec.Ensure("jobTemplate");
        PodSpecDefaults.TemplateMetadata(jobTemplate);
        PodSpecDefaults.ApplyTemplate(jobTemplate.Obj("spec")?.Obj("template"));
    }
}
