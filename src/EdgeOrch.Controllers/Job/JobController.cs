using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.Job;

/// <summary>
/// Jobs: run pods until `completions` succeed (NonIndexed, or one per index for Indexed), at most `parallelism` at once;
/// fail after more than backoffLimit failed pods (BackoffLimitExceeded) or after activeDeadlineSeconds (DeadlineExceeded);
/// re-create failed pods with exponential back-off; honour suspend; delete finished Jobs after ttlSecondsAfterFinished.
/// Succeeded/failed counts come from the Job's finished pods, which the controller keeps (as Kubernetes does) and never
/// lets shrink; the optional tracking finalizer is not used.
/// </summary>
public sealed class JobController(ControllerContext context) : IController
{
    private const string Component = "job-controller";
    private readonly ResourceType _jobType = context.Type("batch", "v1", "jobs");
    private readonly ResourceType _podType = context.Type("", "v1", "pods");
    private readonly JobBackoff _backoff = new(context.Time);
    private readonly PodExpectations _expectations = new(context.Time);

    public string Name => "job";

    public void Watch(ControllerContext ctx, IWorkQueue queue)
    {
        ctx.Informers.For(_jobType).Changed += e => queue.Add(Objects.Key(e.New));
        ctx.Informers.For(_podType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "Job") is { } key) queue.Add(key);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Objects.SplitKey(key);
        var job = context.Informers.For(_jobType).Get(ns, name);
        if (job is null || Objects.IsDeleting(job))
        {
            _expectations.Forget(key);
            return ReconcileResult.Done;
        }
        if (!_expectations.Satisfied(key, context.Informers.For(_podType), ns, out var pending))
            return ReconcileResult.After(pending); // our last writes are not in the cache yet; their events requeue us
        var now = context.Time.GetUtcNow();
        if (JobConditions.IsFinished(job))
            return await ExpireAsync(job, now, cancellationToken);

        var spec = job.Obj("spec");
        var pods = Objects.Owned(context.Informers.For(_podType), job);
        _backoff.Forget(pods.Select(Objects.Uid));
        var status = job.Obj("status")?.DeepClone() as JsonObject ?? [];
        var active = pods.Where(PodStates.IsActive).ToList();
        var succeeded = Math.Max(status.Int("succeeded") ?? 0, pods.Count(PodStates.IsSucceeded));
        var failed = Math.Max(status.Int("failed") ?? 0, pods.Count(PodStates.IsFailed));
        var indexed = JobPods.IsIndexed(job);
        var completed = JobPods.ParseIndexes(status.Str("completedIndexes"))
            .Concat(pods.Where(PodStates.IsSucceeded).Select(JobPods.Index).OfType<int>()).ToHashSet();
        var completions = spec.Int("completions");
        if (indexed && completions is { } c) completed.RemoveWhere(i => i >= c);

        if (spec.Bool("suspend") == true)
        {
            await DeleteAllAsync(job, active, cancellationToken);
            active.Clear();
            if (!JobConditions.IsTrue(status, "Suspended"))
            {
                JobConditions.Set(status, "Suspended", "True", "JobSuspended", "Job suspended", now);
                Record(job, "Normal", "Suspended", "Job suspended");
            }
            await WriteAsync(job, status, pods, active, succeeded, failed, indexed ? completed : null, cancellationToken);
            return ReconcileResult.Done;
        }
        if (JobConditions.IsTrue(status, "Suspended"))
        {
            // Resuming restarts the clock for activeDeadlineSeconds.
            JobConditions.Set(status, "Suspended", "False", "JobResumed", "Job resumed", now);
            Record(job, "Normal", "Resumed", "Job resumed");
            status["startTime"] = Objects.Format(now);
        }
        if (status.Str("startTime") is null) status["startTime"] = Objects.Format(now);

        // Failure: past the back-off limit or the deadline.
        var failure = Failure(job, status, active, failed, now);
        if (failure is { } f)
        {
            JobConditions.Set(status, "FailureTarget", "True", f.Reason, f.Message, now);
            await DeleteAllAsync(job, active, cancellationToken);
            JobConditions.Set(status, "Failed", "True", f.Reason, f.Message, now);
            Record(job, "Warning", f.Reason, f.Message);
            active.Clear();
            await WriteAsync(job, status, pods, active, succeeded, failed, indexed ? completed : null, cancellationToken);
            return await ExpireAsync(job, now, cancellationToken, status);
        }

        // Success: enough completions (or, without completions, any success once nothing runs any more).
        var complete = indexed
            ? completed.Count >= (completions ?? 1)
            : completions is { } want ? succeeded >= want : succeeded > 0 && active.Count == 0;
        if (complete || JobConditions.IsTrue(status, "SuccessCriteriaMet"))
        {
            JobConditions.Set(status, "SuccessCriteriaMet", "True", JobConditions.CompletionsReached, JobConditions.CompletionsMessage, now);
            await DeleteAllAsync(job, active, cancellationToken);
            active.Clear();
            JobConditions.Set(status, "Complete", "True", JobConditions.CompletionsReached, JobConditions.CompletionsMessage, now);
            status["completionTime"] = Objects.Format(now);
            Record(job, "Normal", "Completed", "Job completed");
            await WriteAsync(job, status, pods, active, succeeded, failed, indexed ? completed : null, cancellationToken);
            return await ExpireAsync(job, now, cancellationToken, status);
        }

        var wait = await ManagePodsAsync(job, pods, active, succeeded, completed, cancellationToken);
        await WriteAsync(job, status, pods, active, succeeded, failed, indexed ? completed : null, cancellationToken);

        var deadline = Deadline(job, status);
        var untilDeadline = deadline is { } d ? d - now : (TimeSpan?)null;
        var next = new[] { wait, untilDeadline }.Where(t => t is not null).Min();
        return next is { } n ? ReconcileResult.After(n < TimeSpan.Zero ? TimeSpan.Zero : n) : ReconcileResult.Done;
    }

    private static (string Reason, string Message)? Failure(JsonObject job, JsonObject status, List<JsonObject> active, long failed,
        DateTimeOffset now)
    {
        if (JobConditions.Find(status, "FailureTarget") is { } target && target.Str("status") == "True")
            return (target.Str("reason") ?? JobConditions.BackoffLimitExceeded, target.Str("message") ?? JobConditions.BackoffMessage);
        var spec = job.Obj("spec");
        var limit = spec.Int("backoffLimit") ?? 6;
        if (failed > limit)
            return (JobConditions.BackoffLimitExceeded, JobConditions.BackoffMessage);
        // With restartPolicy OnFailure the kubelet restarts containers in place; their restarts count as failures.
        if (spec.Obj("template").Obj("spec").Str("restartPolicy") == "OnFailure")
        {
            var restarts = active.Sum(p => p.Obj("status").Arr("containerStatuses").Objects().Sum(cs => cs.Int("restartCount") ?? 0));
            if (limit == 0 ? restarts > 0 : restarts >= limit)
                return (JobConditions.BackoffLimitExceeded, JobConditions.BackoffMessage);
        }
        if (Deadline(job, status) is { } deadline && now >= deadline)
            return (JobConditions.DeadlineExceeded, JobConditions.DeadlineMessage);
        return null;
    }

    private static DateTimeOffset? Deadline(JsonObject job, JsonObject status) =>
        job.Obj("spec").Int("activeDeadlineSeconds") is { } seconds && Objects.Timestamp(status, "startTime") is { } start
            ? start.AddSeconds(seconds)
            : null;

    /// <summary>Creates or deletes pods toward the wanted number of active ones; returns the back-off wait, if any.</summary>
    private async Task<TimeSpan?> ManagePodsAsync(JsonObject job, List<JsonObject> pods, List<JsonObject> active, long succeeded,
        HashSet<int> completed, CancellationToken cancellationToken)
    {
        var spec = job.Obj("spec");
        var parallelism = spec.Int("parallelism") ?? 1;
        var completions = spec.Int("completions");
        var indexed = JobPods.IsIndexed(job);

        var toCreate = new List<int?>();
        if (indexed)
        {
            // Active pods for finished indexes, and duplicates of an index, are surplus.
            var seen = new HashSet<int>();
            var surplus = active.Where(p => JobPods.Index(p) is not { } i || completed.Contains(i) || !seen.Add(i)).ToList();
            await DeleteAllAsync(job, surplus, cancellationToken);
            active.RemoveAll(surplus.Contains);
            var pending = Enumerable.Range(0, (int)(completions ?? 1)).Where(i => !completed.Contains(i) && !seen.Contains(i));
            toCreate.AddRange(pending.Take((int)Math.Max(0, parallelism - active.Count)).Select(i => (int?)i));
        }
        else
        {
            // Without completions (a work queue) the first success stops new pods, but running ones may finish.
            var want = completions is { } c
                ? Math.Min(parallelism, c - succeeded)
                : succeeded > 0 ? Math.Min(parallelism, active.Count) : parallelism;
            var diff = want - active.Count;
            if (diff < 0)
            {
                // Remove the least advanced pods first: not ready before ready, newest first.
                var excess = active.OrderBy(PodStates.IsReady).ThenByDescending(p => Objects.Meta(p).Str("creationTimestamp"), StringComparer.Ordinal)
                    .Take((int)-diff).ToList();
                await DeleteAllAsync(job, excess, cancellationToken);
                active.RemoveAll(excess.Contains);
            }
            for (var i = 0; i < diff; i++) toCreate.Add(null);
        }
        if (toCreate.Count == 0) return null;

        var wait = _backoff.Remaining(pods);
        if (wait > TimeSpan.Zero) return wait;
        foreach (var index in toCreate)
            active.Add(await CreatePodAsync(job, index, cancellationToken));
        return null;
    }

    private async Task<JsonObject> CreatePodAsync(JsonObject job, int? index, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pod = JobPods.NewPod(job, _jobType, index);
            try
            {
                var created = await context.Client.CreateAsync(_podType, pod, cancellationToken);
                _expectations.ExpectCreate(Objects.Key(job), Objects.Name(created));
                Record(job, "Normal", "SuccessfulCreate", $"Created pod: {Objects.Name(created)}");
                return created;
            }
            catch (ApiClientException e) when (e.IsAlreadyExists && attempt < 3)
            {
                // A random-suffix clash: draw another name.
            }
            catch (ApiClientException e)
            {
                Record(job, "Warning", "FailedCreate", $"Error creating: {e.Message}");
                throw;
            }
        }
    }

    private async Task DeleteAllAsync(JsonObject job, IEnumerable<JsonObject> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods.ToList())
        {
            try
            {
                await context.Client.DeleteAsync(_podType, Objects.Namespace(pod), Objects.Name(pod), preconditionUid: Objects.Uid(pod),
                    cancellationToken: cancellationToken);
                _expectations.ExpectDelete(Objects.Key(job), Objects.Name(pod), Objects.Uid(pod));
                Record(job, "Normal", "SuccessfulDelete", $"Deleted pod: {Objects.Name(pod)}");
            }
            catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
            {
                // Already gone.
            }
        }
    }

    private async Task WriteAsync(JsonObject job, JsonObject status, List<JsonObject> pods, List<JsonObject> active, long succeeded,
        long failed, HashSet<int>? completed, CancellationToken cancellationToken)
    {
        status["active"] = Objects.Number(active.Count);
        status["ready"] = Objects.Number(active.Count(PodStates.IsReady));
        status["terminating"] = Objects.Number(pods.Count(p => PodStates.IsTerminating(p) && !PodStates.IsTerminal(p)));
        status["succeeded"] = Objects.Number(succeeded);
        status["failed"] = Objects.Number(failed);
        status["uncountedTerminatedPods"] ??= new JsonObject();
        if (completed is not null)
            status["completedIndexes"] = JobPods.FormatIndexes(completed);
        // Kubernetes omits zero counters.
        foreach (var counter in new[] { "active", "succeeded", "failed", "terminating" })
            if (status.Int(counter) == 0) status.Remove(counter);
        await StatusWriter.WriteAsync(context, _jobType, job, status, cancellationToken);
    }

    /// <summary>ttlSecondsAfterFinished: delete the finished Job (and, through the garbage collector, its pods) when due.</summary>
    private async Task<ReconcileResult> ExpireAsync(JsonObject job, DateTimeOffset now, CancellationToken cancellationToken,
        JsonObject? status = null)
    {
        status ??= job.Obj("status");
        if (job.Obj("spec").Int("ttlSecondsAfterFinished") is not { } ttl)
            return ReconcileResult.Done;
        var finished = Objects.Timestamp(status, "completionTime")
            ?? Objects.Timestamp(JobConditions.Find(status, "Failed"), "lastTransitionTime")
            ?? now;
        var expiry = finished.AddSeconds(ttl);
        if (expiry > now)
            return ReconcileResult.After(expiry - now);
        await context.Client.DeleteAsync(_jobType, Objects.Namespace(job), Objects.Name(job), propagationPolicy: "Foreground",
            preconditionUid: Objects.Uid(job), cancellationToken: cancellationToken);
        return ReconcileResult.Done;
    }

    private void Record(JsonObject job, string type, string reason, string message) =>
        context.Events.Record(job, type, reason, message, Component);
}
