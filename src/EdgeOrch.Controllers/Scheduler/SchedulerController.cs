using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// The default scheduler as a controller over pods. Only unscheduled pods of this scheduler are queued; each reconcile is
/// one scheduling cycle on the incrementally kept <see cref="SchedulerCache"/>, then a bind through pods/binding.
/// Pods that fit nowhere get PodScheduled=False and a FailedScheduling event, and are retried when nodes change or pods go
/// away (with Kubernetes' 1-10 s back-off), or after five minutes regardless.
/// One worker: cycles must see each other's assumed pods, as in Kubernetes where scheduling is sequential.
/// </summary>
public sealed class SchedulerController : IController
{
    public const string SchedulerName = "default-scheduler";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    /// <summary>Kubernetes' podMaxInUnschedulablePodsDuration: an unschedulable pod is retried at least this often.</summary>
    private static readonly TimeSpan UnschedulableRetry = TimeSpan.FromMinutes(5);

    private readonly ControllerContext _context;
    private readonly SchedulerCache _cache;
    private readonly SchedulingAlgorithm _algorithm;
    private readonly ResourceType _podType;
    private readonly ResourceType _nodeType;
    private readonly Lock _pendingLock = new();
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    /// <summary>Binds in flight at once, so that a slow store queues scheduling instead of piling up writes.</summary>
    private readonly SemaphoreSlim _bindSlots = new(64);
    private Informer? _pods;
    private IWorkQueue? _queue;

    public SchedulerController(ControllerContext context, Random? random = null)
    {
        _context = context;
        _cache = new SchedulerCache(context.Time);
        _algorithm = new SchedulingAlgorithm(random ?? Random.Shared);
        _podType = context.Type("", "v1", "pods");
        _nodeType = context.Type("", "v1", "nodes");
    }

    public string Name => "scheduler";

    public int Workers => 1;

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _queue = queue;
        _pods = context.Informers.For(_podType);
        var nodes = context.Informers.For(_nodeType);
        nodes.Changed += OnNodeChanged;
        _pods.Changed += OnPodChanged;
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = JsonRead.SplitKey(key);
        var pod = _pods?.Get(ns, name);
        if (pod is null || !IsPendingForUs(pod))
        {
            Forget(key);
            return ReconcileResult.Done;
        }

        ScheduleResult result;
        lock (_cache.Lock)
        {
            _cache.ExpireAssumed();
            if (_cache.IsAssumed(key))
                return ReconcileResult.Done;
            result = _algorithm.Schedule(pod, _cache);
            if (result.Node is not null)
                _cache.Assume(pod, result.Node);
        }

        if (result.Node is { } node)
        {
            // Kubernetes' binding cycle: the bind (a durable store write) runs while the next pods are scheduled, the
            // assumed pod holding its room in the cache meanwhile. Awaited here, it capped scheduling at one store
            // write latency per pod (~2-4 ms: 250-450 pods/s measured with 10,000 pods on a 2-core machine).
            await _bindSlots.WaitAsync(cancellationToken);
            _ = BindInBackgroundAsync(key, pod, node, cancellationToken);
            return ReconcileResult.Done;
        }
        return await ReportUnschedulableAsync(key, pod, result, cancellationToken);
    }

    private async Task BindInBackgroundAsync(string key, JsonObject pod, string node, CancellationToken ct)
    {
        try
        {
            await BindAsync(key, pod, node, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // The assumption was dropped by BindAsync; schedule the pod again after a back-off.
            int attempts;
            lock (_pendingLock)
                _attempts[key] = attempts = _attempts.GetValueOrDefault(key) + 1;
            _queue?.AddAfter(key, Backoff(attempts));
        }
        finally
        {
            _bindSlots.Release();
        }
    }

    private async Task<ReconcileResult> BindAsync(string key, JsonObject pod, string node, CancellationToken ct)
    {
        var ns = JsonRead.Namespace(pod) ?? "default";
        var name = JsonRead.Name(pod);
        try
        {
            await _context.Client.BindAsync(_podType, ns, name, node, ct);
        }
        catch (ApiClientException e)
        {
            lock (_cache.Lock)
                _cache.ForgetAssumed(key);
            // Already bound elsewhere, or gone: the informer will tell; nothing to retry.
            if (e.Code is 404 or 409)
                return ReconcileResult.Done;
            throw;
        }
        catch
        {
            lock (_cache.Lock)
                _cache.ForgetAssumed(key);
            throw;
        }
        Forget(key);
        _context.Events.Record(pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {node}", SchedulerName);
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> ReportUnschedulableAsync(string key, JsonObject pod, ScheduleResult result, CancellationToken ct)
    {
        var ns = JsonRead.Namespace(pod) ?? "default";
        var name = JsonRead.Name(pod);
        var message = result.Message ?? FitError.NoNodesMessage;
        string? nominated = null;
        if (result.Preemption is { } plan)
        {
            nominated = plan.Node;
            foreach (var victim in plan.Victims)
            {
                try
                {
                    await _context.Client.DeleteAsync(_podType, JsonRead.Namespace(victim), JsonRead.Name(victim),
                        preconditionUid: JsonRead.Uid(victim), cancellationToken: ct);
                }
                catch (ApiClientException e) when (e.Code is 404 or 409)
                {
                    // Already gone (or replaced by a namesake): the room is free either way.
                }
                _context.Events.Record(victim, "Normal", "Preempted", $"Preempted by pod {JsonRead.Uid(pod)} on node {plan.Node}", SchedulerName);
            }
        }

        if (!PodScheduledCondition.IsCurrent(pod, message, nominated))
        {
            try
            {
                await _context.Client.PatchAsync(_podType, ns, name, PatchType.Merge,
                    PodScheduledCondition.Patch(pod, message, nominated, _context.Time.GetUtcNow()), "status", ct);
            }
            catch (ApiClientException e) when (e.IsNotFound)
            {
                return ReconcileResult.Done;
            }
        }
        _context.Events.Record(pod, "Warning", "FailedScheduling", message, SchedulerName);

        int attempts;
        lock (_pendingLock)
            _attempts[key] = attempts = _attempts.GetValueOrDefault(key) + 1;
        // A preemptor retries soon (its victims are going); others wait for a cluster change or the periodic retry.
        return ReconcileResult.After(nominated is not null ? Backoff(attempts) : UnschedulableRetry);
    }

    internal static TimeSpan Backoff(int attempts)
    {
        var seconds = InitialBackoff.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    private void Forget(string key)
    {
        lock (_pendingLock)
            _attempts.Remove(key);
    }

    /// <summary>Queued only: unbound, of this scheduler, not being deleted, not finished.</summary>
    internal static bool IsPendingForUs(JsonObject pod)
    {
        var spec = pod.Obj("spec");
        return string.IsNullOrEmpty(spec.Str("nodeName")) &&
               spec.Str("schedulerName") is null or "" or SchedulerName &&
               !JsonRead.IsDeleting(pod) &&
               pod.Obj("status").Str("phase") is not ("Succeeded" or "Failed");
    }

    private void OnPodChanged(InformerEvent e)
    {
        var key = JsonRead.Key(e.New);
        var freedRoom = false;
        lock (_cache.Lock)
        {
            if (e.Type == InformerEventType.Deleted)
            {
                freedRoom = !string.IsNullOrEmpty(e.New.Obj("spec").Str("nodeName"));
                _cache.RemovePod(key);
            }
            else
            {
                _cache.SetPod(e.New);
                // A pod finishing frees its room too.
                freedRoom = e.Old is not null && e.New.Obj("status").Str("phase") is "Succeeded" or "Failed" &&
                            e.Old.Obj("status").Str("phase") is not ("Succeeded" or "Failed");
            }
        }
        // Status-only updates (our own PodScheduled=False patch among them) cannot change where the pod fits.
        if (e.Type != InformerEventType.Deleted && IsPendingForUs(e.New) &&
            (e.Old is null || !JsonNode.DeepEquals(e.Old.Obj("spec"), e.New.Obj("spec")) ||
             !JsonNode.DeepEquals(JsonRead.Labels(e.Old), JsonRead.Labels(e.New))))
            _queue?.Add(key);
        if (freedRoom)
            RetryUnschedulable();
    }

    private void OnNodeChanged(InformerEvent e)
    {
        lock (_cache.Lock)
        {
            if (e.Type == InformerEventType.Deleted)
                _cache.RemoveNode(JsonRead.Name(e.New));
            else
                _cache.SetNode(e.New);
        }
        if (e.Type == InformerEventType.Added || (e.Type == InformerEventType.Updated && SchedulingRelevantChange(e.Old, e.New)))
            RetryUnschedulable();
    }

    /// <summary>Heartbeat-only node updates must not re-run every pending pod.</summary>
    private static bool SchedulingRelevantChange(JsonObject? old, JsonObject current)
    {
        if (old is null) return true;
        return !JsonNode.DeepEquals(old.Obj("spec"), current.Obj("spec")) ||
               !JsonNode.DeepEquals(JsonRead.Labels(old), JsonRead.Labels(current)) ||
               !JsonNode.DeepEquals(old.Obj("status").Obj("allocatable"), current.Obj("status").Obj("allocatable")) ||
               !JsonNode.DeepEquals(old.Obj("status").Arr("images"), current.Obj("status").Arr("images"));
    }

    private void RetryUnschedulable()
    {
        List<(string Key, int Attempts)> waiting;
        lock (_pendingLock)
            waiting = _attempts.Select(kv => (kv.Key, kv.Value)).ToList();
        foreach (var (key, attempts) in waiting)
            _queue?.AddAfter(key, Backoff(attempts));
    }
}
