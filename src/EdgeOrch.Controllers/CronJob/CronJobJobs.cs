using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Job;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.CronJob;

/// <summary>The Jobs a CronJob creates ("&lt;cronjob&gt;-&lt;minutes since the epoch&gt;") and how it reads their state.</summary>
internal static class CronJobJobs
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>The name is derived from the scheduled time, so a second attempt for the same time finds the first Job.</summary>
    public static string JobName(JsonObject cronJob, DateTimeOffset scheduled) =>
        $"{Objects.Name(cronJob)}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    public static JsonObject NewJob(JsonObject cronJob, ResourceType cronJobType, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = cronJob.Obj("spec").Obj("jobTemplate");
        var annotations = Objects.CopyMap(template.Obj("metadata").Obj("annotations"));
        annotations[ScheduledTimestampAnnotation] = Rfc3339(TimeZoneInfo.ConvertTime(scheduled, zone));
        var meta = new JsonObject
        {
            ["name"] = JobName(cronJob, scheduled),
            ["namespace"] = Objects.Namespace(cronJob),
            ["labels"] = Objects.CopyMap(template.Obj("metadata").Obj("labels")),
            ["annotations"] = annotations,
            ["ownerReferences"] = new JsonArray(Objects.ControllerRef(cronJob, cronJobType)),
        };
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = meta,
            ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>Go's time.RFC3339: "Z" for UTC, otherwise the numeric offset.</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.Offset == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>"Complete" or "Failed" once the Job has finished, else null.</summary>
    public static string? Finished(JsonObject job) =>
        JobConditions.IsTrue(job.Obj("status"), "Complete") ? "Complete"
        : JobConditions.IsTrue(job.Obj("status"), "Failed") ? "Failed"
        : null;

    public static JsonObject Reference(JsonObject job) => new()
    {
        ["kind"] = "Job",
        ["namespace"] = Objects.Namespace(job),
        ["name"] = Objects.Name(job),
        ["uid"] = Objects.Uid(job),
        ["apiVersion"] = "batch/v1",
        ["resourceVersion"] = Objects.Meta(job).Str("resourceVersion"),
    };

    /// <summary>Oldest first: by status.startTime, then creation (history cleanup removes from the front).</summary>
    public static IEnumerable<JsonObject> OldestFirst(IEnumerable<JsonObject> jobs) =>
        jobs.OrderBy(j => Objects.Timestamp(j.Obj("status"), "startTime") ?? DateTimeOffset.MinValue)
            .ThenBy(j => Objects.Meta(j).Str("creationTimestamp"), StringComparer.Ordinal);
}
