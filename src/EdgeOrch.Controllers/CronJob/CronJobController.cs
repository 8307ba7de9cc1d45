using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.CronJob;

/// <summary>
/// CronJobs: at each schedule time (in spec.timeZone, else the controller's zone) create a Job, unless too late for
/// startingDeadlineSeconds or held back by concurrencyPolicy (Forbid skips, Replace deletes the running Jobs first);
/// track active Jobs, lastScheduleTime and lastSuccessfulTime; trim finished Jobs to the history limits; then sleep until
/// the next schedule time. Time comes from context.Time, so tests drive it.
/// </summary>
public sealed class CronJobController(ControllerContext context) : IController
{
    private const string Component = "cronjob-controller";
    private readonly ResourceType _cronJobType = context.Type("batch", "v1", "cronjobs");
    private readonly ResourceType _jobType = context.Type("batch", "v1", "jobs");

    public string Name => "cronjob";

    /// <summary>The zone of CronJobs without spec.timeZone (Kubernetes uses the controller manager's local zone).</summary>
    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Local;

    public void Watch(ControllerContext ctx, IWorkQueue queue)
    {
        ctx.Informers.For(_cronJobType).Changed += e => queue.Add(Objects.Key(e.New));
        ctx.Informers.For(_jobType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "CronJob") is { } key) queue.Add(key);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Objects.SplitKey(key);
        var cronJob = context.Informers.For(_cronJobType).Get(ns, name);
        if (cronJob is null)
            return ReconcileResult.Done;
        var spec = cronJob.Obj("spec");
        var status = cronJob.Obj("status")?.DeepClone() as JsonObject ?? [];
        var jobs = Objects.Owned(context.Informers.For(_jobType), cronJob);
        var active = SyncActive(cronJob, jobs, status);
        await CleanupHistoryAsync(cronJob, jobs, cancellationToken);

        var result = await ScheduleAsync(cronJob, spec, status, jobs, active, cancellationToken);
        if (active.Count > 0) status["active"] = new JsonArray(active.Select(a => (JsonNode)a.DeepClone()).ToArray());
        else status.Remove("active");
        await StatusWriter.WriteAsync(context, _cronJobType, cronJob, status, cancellationToken);
        return result;
    }

    private async Task<ReconcileResult> ScheduleAsync(JsonObject cronJob, JsonObject? spec, JsonObject status, List<JsonObject> jobs,
        List<JsonObject> active, CancellationToken cancellationToken)
    {
        if (Objects.IsDeleting(cronJob))
            return ReconcileResult.Done;
        var scheduleText = spec.Str("schedule") ?? "";
        if (!CronSchedule.TryParse(scheduleText, out var schedule, out var parseError))
        {
            Record(cronJob, "Warning", "UnparseableSchedule", $"unparseable schedule: \"{scheduleText}\" : {parseError}");
            return ReconcileResult.Done;
        }
        if (!CronTimes.TryZone(spec.Str("timeZone"), DefaultZone, out var zone, out var zoneError))
        {
            Record(cronJob, "Warning", "UnknownTimeZone", $"invalid timeZone: \"{spec.Str("timeZone")}\": {zoneError}");
            return ReconcileResult.Done;
        }
        if (spec.Bool("suspend") == true)
            return ReconcileResult.Done;

        var times = new CronTimes(schedule!, zone);
        var now = context.Time.GetUtcNow();
        var earliest = Objects.Timestamp(status, "lastScheduleTime") ?? Objects.Timestamp(Objects.Meta(cronJob), "creationTimestamp") ?? now;
        var deadline = spec.Int("startingDeadlineSeconds");
        if (deadline is { } d && now.AddSeconds(-d) > earliest)
            earliest = now.AddSeconds(-d);
        var (scheduled, missed) = times.MostRecent(earliest, now);
        var requeue = times.Next(now) is { } next ? ReconcileResult.After(next - now) : ReconcileResult.Done;
        if (scheduled is not { } at)
            return requeue;
        if (missed > CronTimes.MissedLimit)
            Record(cronJob, "Warning", "TooManyMissedTimes",
                $"too many missed start times: {missed.ToString(CultureInfo.InvariantCulture)}. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        if (deadline is { } late && at.AddSeconds(late) < now)
        {
            Record(cronJob, "Warning", "MissSchedule", $"Missed scheduled time to start a job: {Rfc1123Z(at)}");
            return requeue;
        }
        var jobName = CronJobJobs.JobName(cronJob, at);
        if (jobs.Any(j => Objects.Name(j) == jobName))
            return requeue; // this time already ran (our status write may have been lost)

        switch (spec.Str("concurrencyPolicy"))
        {
            case "Forbid" when active.Count > 0:
                // Not recorded as run: once the active Job finishes, a time still within the deadline runs then.
                Record(cronJob, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
                return requeue;
            case "Replace":
                foreach (var reference in active.ToList())
                {
                    await context.Client.DeleteAsync(_jobType, reference.Str("namespace"), reference.Str("name") ?? "", propagationPolicy: "Background",
                        cancellationToken: cancellationToken);
                    Record(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {reference.Str("name")}");
                    active.Remove(reference);
                }
                break;
        }

        JsonObject created;
        try
        {
            created = await context.Client.CreateAsync(_jobType, CronJobJobs.NewJob(cronJob, _cronJobType, at, zone), cancellationToken);
            Record(cronJob, "Normal", "SuccessfulCreate", $"Created job {jobName}");
        }
        catch (ApiClientException e) when (e.IsAlreadyExists)
        {
            return requeue; // created by an earlier pass whose status write was lost; the Job's event brings us back
        }
        catch (ApiClientException e)
        {
            Record(cronJob, "Warning", "FailedCreate", $"Error creating job: {e.Message}");
            throw;
        }
        active.Add(CronJobJobs.Reference(created));
        status["lastScheduleTime"] = Objects.Format(at);
        return requeue;
    }

    /// <summary>status.active: the unfinished Jobs; finished ones leave it (recording lastSuccessfulTime), vanished ones too.</summary>
    private List<JsonObject> SyncActive(JsonObject cronJob, List<JsonObject> jobs, JsonObject status)
    {
        var byUid = jobs.ToDictionary(Objects.Uid);
        var active = new List<JsonObject>();
        foreach (var reference in status.Arr("active").Objects())
        {
            var uid = reference.Str("uid") ?? "";
            if (!byUid.TryGetValue(uid, out var job))
            {
                Record(cronJob, "Normal", "MissingJob", $"Active job went missing: {reference.Str("name")}");
                continue;
            }
            if (CronJobJobs.Finished(job) is { } condition)
            {
                Record(cronJob, "Normal", "SawCompletedJob", $"Saw completed job: {Objects.Name(job)}, condition: {condition}");
                continue;
            }
            active.Add((JsonObject)reference.DeepClone());
        }
        foreach (var job in jobs)
        {
            if (CronJobJobs.Finished(job) is null && active.All(a => a.Str("uid") != Objects.Uid(job)))
                active.Add(CronJobJobs.Reference(job));
            if (CronJobJobs.Finished(job) == "Complete" && Objects.Timestamp(job.Obj("status"), "completionTime") is { } done &&
                (Objects.Timestamp(status, "lastSuccessfulTime") is not { } last || done > last))
                status["lastSuccessfulTime"] = Objects.Format(done);
        }
        return active;
    }

    /// <summary>Keeps the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs.</summary>
    private async Task CleanupHistoryAsync(JsonObject cronJob, List<JsonObject> jobs, CancellationToken cancellationToken)
    {
        var spec = cronJob.Obj("spec");
        foreach (var (condition, limit) in new[] { ("Complete", spec.Int("successfulJobsHistoryLimit") ?? 3), ("Failed", spec.Int("failedJobsHistoryLimit") ?? 1) })
        {
            var finished = CronJobJobs.OldestFirst(jobs.Where(j => CronJobJobs.Finished(j) == condition && !Objects.IsDeleting(j))).ToList();
            foreach (var job in finished.Take(Math.Max(0, finished.Count - (int)limit)))
            {
                try
                {
                    await context.Client.DeleteAsync(_jobType, Objects.Namespace(job), Objects.Name(job), propagationPolicy: "Background",
                        preconditionUid: Objects.Uid(job), cancellationToken: cancellationToken);
                    Record(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {Objects.Name(job)}");
                }
                catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
                {
                    // Already gone.
                }
                jobs.Remove(job);
            }
        }
    }

    /// <summary>Go's time.RFC1123Z, as Kubernetes formats the missed time.</summary>
    private static string Rfc1123Z(DateTimeOffset t) =>
        t.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private void Record(JsonObject cronJob, string type, string reason, string message) =>
        context.Events.Record(cronJob, type, reason, message, Component);
}
