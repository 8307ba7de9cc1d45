using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>batch/v1: Job and CronJob.</summary>
internal static class BatchValidation
{
    private static readonly string[] JobRestartPolicies = ["OnFailure", "Never"];
    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];
    private static readonly string[] PodReplacementPolicies = ["TerminatingOrFailed", "Failed"];

    public static void Job(JsonObject obj, List<FieldError> errs) => JobSpec(obj.Obj("spec") ?? new JsonObject(), "spec", isTemplate: false, errs);

    /// <summary>
    /// Without manualSelector the server generates the selector (see JobDefaults.GenerateSelector), so a missing
    /// selector is only an error when the user asked to manage it.
    /// </summary>
    private static void JobSpec(JsonObject spec, string path, bool isTemplate, List<FieldError> errs)
    {
        TemplateValidation.NonNegative(spec, path, errs, "parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex");
        if (spec.Int("activeDeadlineSeconds") is { } ads && ads <= 0)
            errs.Add(FieldError.Invalid(path + ".activeDeadlineSeconds", ads, "must be greater than 0"));
        var manual = spec.Bool("manualSelector") == true;
        if (isTemplate || spec.Obj("selector") is null)
        {
            if (manual && spec.Obj("selector") is null)
                errs.Add(FieldError.Required(path + ".selector"));
            if (spec.Obj("template") is { } template)
                TemplateValidation.Template(template, path + ".template", errs);
            else
                errs.Add(FieldError.Required(path + ".template"));
        }
        else
        {
            TemplateValidation.SelectorAndTemplate(spec, path, "job", requireRestartAlways: false, errs);
        }

        var restart = spec.Obj("template")?.Obj("spec")?.Str("restartPolicy") ?? "";
        if (!JobRestartPolicies.Contains(restart))
            errs.Add(FieldError.NotSupported(path + ".template.spec.restartPolicy", restart, JobRestartPolicies));

        if (spec.Str("completionMode") is { } mode)
        {
            if (!CompletionModes.Contains(mode))
                errs.Add(FieldError.NotSupported(path + ".completionMode", mode, CompletionModes));
            else if (mode == "Indexed" && spec["completions"] is null)
                errs.Add(FieldError.Required(path + ".completions", "when completion mode is Indexed"));
        }
        if (spec.Str("podReplacementPolicy") is { } prp && !PodReplacementPolicies.Contains(prp))
            errs.Add(FieldError.NotSupported(path + ".podReplacementPolicy", prp, PodReplacementPolicies));
    }

    public static void JobUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = newObj.Obj("spec");
        var oldSpec = oldObj.Obj("spec");
        TemplateValidation.ImmutableSelector(newSpec, oldSpec, "spec", errs);
        foreach (var field in new[] { "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "manualSelector" })
            if (!JsonFields.DeepEquals(newSpec?[field], oldSpec?[field]))
                errs.Add(FieldError.Immutable("spec." + field, GoValues.Value(newSpec?[field])));
        // Elastic indexed jobs may scale completions together with parallelism; everything else keeps them.
        var elastic = newSpec.Str("completionMode") == "Indexed" && newSpec.Int("completions") == newSpec.Int("parallelism");
        if (!elastic && !JsonFields.DeepEquals(newSpec?["completions"], oldSpec?["completions"]))
            errs.Add(FieldError.Immutable("spec.completions", GoValues.Value(newSpec?["completions"])));
        if (!JsonFields.DeepEquals(newSpec?["template"], oldSpec?["template"]))
            errs.Add(FieldError.Immutable("spec.template", newSpec?["template"]?.ToJsonString() ?? "null"));
    }

    public static void CronJob(JsonObject obj, List<FieldError> errs)
    {
        var name = obj.Obj("metadata")?.Str("name") ?? "";
        // Job names get an 11-character suffix and must stay valid DNS labels.
        if (name.Length > 52)
            errs.Add(FieldError.Invalid("metadata.name", name, "must be no more than 52 characters"));

        var spec = obj.Obj("spec") ?? new JsonObject();
        var schedule = spec.Str("schedule") ?? "";
        if (schedule.Length == 0)
            errs.Add(FieldError.Required("spec.schedule"));
        else if (schedule.Contains("TZ=", StringComparison.Ordinal))
            errs.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        else if (!CronSchedule.TryParse(schedule, out _, out var error))
            errs.Add(FieldError.Invalid("spec.schedule", schedule, error!));

        if (spec.Str("timeZone") is { } tz && !IsKnownTimeZone(tz))
            errs.Add(FieldError.Invalid("spec.timeZone", tz, "unknown time zone " + tz));
        if (spec.Str("concurrencyPolicy") is { } cp && !ConcurrencyPolicies.Contains(cp))
            errs.Add(FieldError.NotSupported("spec.concurrencyPolicy", cp, ConcurrencyPolicies));
        TemplateValidation.NonNegative(spec, "spec", errs, "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit");

        var jobTemplate = spec.Obj("jobTemplate");
        if (jobTemplate?.Obj("spec") is not { } jobSpec)
        {
            errs.Add(FieldError.Required("spec.jobTemplate.spec"));
            return;
        }
        MetadataValidation.Labels(jobTemplate.Obj("metadata")?.Obj("labels"), "spec.jobTemplate.metadata.labels", errs);
        JobSpec(jobSpec, "spec.jobTemplate.spec", isTemplate: true, errs);
    }

    private static bool IsKnownTimeZone(string tz)
    {
        if (tz.Length == 0 || tz.Equals("local", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(tz);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
