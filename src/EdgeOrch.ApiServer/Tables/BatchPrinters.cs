using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>batch/v1 printers: Job and CronJob.</summary>
internal static class BatchPrinters
{
    public static readonly Printer Job = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Status", "Status of the job."),
            TableColumn.Str("Completions", "Succeeded pods out of required completions."),
            TableColumn.Str("Duration", "Time the job took, or has been running."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
            TableColumn.WideSelector,
        ],
        (job, now) =>
        {
            var (names, images) = Meta.Containers(Fields.Get(job, "spec", "template", "spec"));
            return
            [
                Meta.Name(job),
                JobStatus(job),
                Completions(job),
                Duration(job, now),
                Meta.Age(job, now),
                names,
                images,
                LabelText.FormatSelector(Fields.Obj(job, "spec", "selector")),
            ];
        });

    public static readonly Printer CronJob = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Schedule", "The cron schedule."),
            TableColumn.Str("Timezone", "Time zone the schedule is read in."),
            new("Suspend", "boolean", "Whether new runs are suspended."),
            TableColumn.Int("Active", "Number of running jobs."),
            TableColumn.Str("Last Schedule", "Time since a job was last scheduled."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
            TableColumn.WideSelector,
        ],
        (cj, now) =>
        {
            var jobSpec = Fields.Get(cj, "spec", "jobTemplate", "spec");
            var (names, images) = Meta.Containers(Fields.Get(jobSpec, "template", "spec"));
            var lastSchedule = Fields.Time(cj, "status", "lastScheduleTime");
            return
            [
                Meta.Name(cj),
                Fields.Text(cj, "spec", "schedule"),
                Fields.Str(cj, "spec", "timeZone") ?? "<none>",
                Fields.Bool(cj, "spec", "suspend") switch { true => "True", false => "False", null => "<unset>" },
                (long)Fields.Count(cj, "status", "active"),
                lastSchedule is null ? "<none>" : HumanDuration.Since(lastSchedule, now),
                Meta.Age(cj, now),
                names,
                images,
                LabelText.FormatSelector(Fields.Obj(jobSpec, "selector")),
            ];
        });

    private static string JobStatus(JsonObject job)
    {
        if (JobCondition(job, "Complete")) return "Complete";
        if (JobCondition(job, "Failed")) return "Failed";
        if (Meta.Deleting(job)) return "Terminating";
        if (JobCondition(job, "Suspended")) return "Suspended";
        if (JobCondition(job, "FailureTarget")) return "FailureTarget";
        return "Running";
    }

    /// <summary>The status of the first condition of that type is "True".</summary>
    private static bool JobCondition(JsonObject job, string type)
    {
        var condition = Fields.Objects(job, "status", "conditions").FirstOrDefault(c => Fields.Str(c, "type") == type);
        return condition is not null && Fields.Str(condition, "status") == "True";
    }

    private static string Completions(JsonObject job)
    {
        var succeeded = Fields.Long(job, "status", "succeeded") ?? 0;
        if (Fields.Long(job, "spec", "completions") is { } completions)
        {
            return $"{succeeded}/{completions}";
        }
        var parallelism = Fields.Long(job, "spec", "parallelism") ?? 0;
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string Duration(JsonObject job, DateTimeOffset now)
    {
        if (Fields.Time(job, "status", "startTime") is not { } start)
        {
            return "";
        }
        var end = Fields.Time(job, "status", "completionTime") ?? now;
        return HumanDuration.Format(end - start);
    }
}
