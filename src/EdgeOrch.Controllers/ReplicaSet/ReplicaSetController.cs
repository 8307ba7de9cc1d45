using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// Keeps each ReplicaSet's pod count (Kubernetes' replicaset controller): claims pods by selector and ownerReference,
/// creates missing pods in slow-start batches (1, 2, 4, ...), deletes surplus pods in <see cref="PodDeletionOrder"/>,
/// replaces pods that failed or were deleted, and reports replicas/fullyLabeled/ready/available/observedGeneration.
/// Expectations stop it from acting again before its informer has seen its own creates and deletes.
/// </summary>
public sealed class ReplicaSetController : IController
{
    public const string Component = "replicaset-controller";

    /// <summary>At most this many pods are created or deleted by one sync (Kubernetes' burstReplicas).</summary>
    internal const int BurstReplicas = 500;

    private readonly IApiClient _client;
    private readonly ResourceType _rsType;
    private readonly ResourceType _podType;
    private readonly IObjectCache _replicaSets;
    private readonly IObjectCache _pods;
    private readonly EventSink _events;
    private readonly TimeProvider _time;
    private readonly ControllerRefManager _claimer;

    public ReplicaSetController(ControllerContext context)
        : this(context.Client, context.Type("apps", "v1", "replicasets"), context.Type("", "v1", "pods"),
            new InformerObjectCache(context.Informers.For(context.Type("apps", "v1", "replicasets"))),
            new InformerObjectCache(context.Informers.For(context.Type("", "v1", "pods"))),
            (o, t, r, m) => context.Events.Record(o, t, r, m, Component), context.Time)
    {
    }

    internal ReplicaSetController(IApiClient client, ResourceType rsType, ResourceType podType, IObjectCache replicaSets,
        IObjectCache pods, EventSink events, TimeProvider time)
    {
        _client = client;
        _rsType = rsType;
        _podType = podType;
        _replicaSets = replicaSets;
        _pods = pods;
        _events = events;
        _time = time;
        _claimer = new ControllerRefManager(client, rsType, podType);
        Expectations = new ControllerExpectations(time);
    }

    public string Name => "replicaset";

    /// <summary>Kubernetes' default --concurrent-replicaset-syncs.</summary>
    public int Workers => 5;

    internal ControllerExpectations Expectations { get; }

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        context.Informers.For(_rsType).Changed += e => OnReplicaSetChanged(e, queue);
        context.Informers.For(_podType).Changed += e => OnPodChanged(e, queue);
    }

    internal void OnReplicaSetChanged(InformerEvent e, IWorkQueue queue)
    {
        if (e.Type == InformerEventType.Deleted) Expectations.Forget(e.New.Key());
        queue.Add(e.New.Key());
    }

    /// <summary>Pod changes: record observed creations/deletions for the owner, and wake the owner or the sets that may adopt.</summary>
    internal void OnPodChanged(InformerEvent e, IWorkQueue queue)
    {
        var pod = e.New;
        switch (e.Type)
        {
            case InformerEventType.Added when pod.IsDeleting():
            case InformerEventType.Deleted:
                PodGone(pod, queue);
                return;
            case InformerEventType.Added:
                if (OwnerKey(pod) is { } ownerKey)
                {
                    // Observed by name even if the set's own informer lags: an unobserved creation would stall it for minutes.
                    Expectations.CreationObserved(ownerKey);
                    queue.Add(ownerKey);
                }
                else
                {
                    EnqueueMatchingSets(pod, queue);
                }
                return;
        }

        var old = e.Old!;
        var labelsChanged = !JsonNode.DeepEquals(old.Labels(), pod.Labels());
        if (pod.IsDeleting())
        {
            PodGone(pod, queue);
            if (labelsChanged) PodGone(old, queue);
            return;
        }
        var oldRef = OwnerReferences.ControllerUid(old);
        var newRef = OwnerReferences.ControllerUid(pod);
        if (oldRef != newRef && OwnerOf(old) is { } previous) queue.Add(previous.Key());
        if (OwnerOf(pod) is { } current)
        {
            queue.Add(current.Key());
            // A pod that just became ready turns available minReadySeconds later: look again then.
            var minReady = current.Obj("spec").Int("minReadySeconds") ?? 0;
            if (minReady > 0 && !PodState.IsReady(old) && PodState.IsReady(pod))
                queue.AddAfter(current.Key(), TimeSpan.FromSeconds(minReady));
        }
        else if (labelsChanged || oldRef != newRef)
        {
            EnqueueMatchingSets(pod, queue);
        }
    }

    private void PodGone(JsonObject pod, IWorkQueue queue)
    {
        if (OwnerKey(pod) is not { } ownerKey) return;
        Expectations.DeletionObserved(ownerKey, pod.Key());
        queue.Add(ownerKey);
    }

    /// <summary>"namespace/name" of the ReplicaSet the pod's controller reference names, if it names one.</summary>
    private static string? OwnerKey(JsonObject pod) =>
        OwnerReferences.ControllerOf(pod) is { } r && r.Str("kind") == "ReplicaSet" && r.Str("name") is { Length: > 0 } name
            ? (pod.Namespace() is { Length: > 0 } ns ? $"{ns}/{name}" : name)
            : null;

    /// <summary>The ReplicaSet named by the pod's controller reference, if it is in the cache with the same UID.</summary>
    private JsonObject? OwnerOf(JsonObject pod)
    {
        if (OwnerReferences.ControllerOf(pod) is not { } r || r.Str("kind") != "ReplicaSet") return null;
        var rs = _replicaSets.Get(pod.Namespace(), r.Str("name") ?? "");
        return rs is not null && rs.Uid() == r.Str("uid") ? rs : null;
    }

    private void EnqueueMatchingSets(JsonObject pod, IWorkQueue queue)
    {
        foreach (var rs in _replicaSets.List(pod.Namespace()))
            if (Api.Validation.LabelSelectors.Matches(rs.Obj("spec").Obj("selector"), pod.Labels()))
                queue.Add(rs.Key());
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkloadJson.SplitKey(key);
        var rs = _replicaSets.Get(ns, name);
        if (rs is null)
        {
            Expectations.Forget(key);
            return ReconcileResult.Done;
        }

        var needsSync = Expectations.Satisfied(key);
        var controllerRef = OwnerReferences.NewControllerRef(rs, "apps/v1", "ReplicaSet");
        var active = _pods.List(ns).Where(PodState.IsActive);
        var owned = await _claimer.ClaimAsync(rs, controllerRef, active, cancellationToken);

        Exception? manageError = null;
        if (needsSync && !rs.IsDeleting())
        {
            try
            {
                await ManageReplicasAsync(key, rs, controllerRef, owned, cancellationToken);
            }
            catch (ApiClientException e)
            {
                manageError = e;
            }
        }

        var now = _time.GetUtcNow();
        var counts = ReplicaSetCounts.From(rs, owned, now);
        var diff = owned.Count - Replicas(rs);
        var failureReason = manageError is null ? null : diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : null;
        if (counts.NextStatus(rs, failureReason, manageError?.Message, now) is { } status)
            await WriteStatusAsync(rs, status, cancellationToken);

        if (manageError is not null) throw manageError;

        // Kubernetes' last line of defence for minReadySeconds: all ready but not all available yet -> look again later.
        var minReady = rs.Obj("spec").Int("minReadySeconds") ?? 0;
        if (minReady > 0 && counts.Ready == Replicas(rs) && counts.Available != Replicas(rs))
            return ReconcileResult.After(TimeSpan.FromSeconds(minReady));
        return ReconcileResult.Done;
    }

    internal static int Replicas(JsonObject rs) => (int)(rs.Obj("spec").Int("replicas") ?? 1);

    private async Task ManageReplicasAsync(string key, JsonObject rs, JsonObject controllerRef, List<JsonObject> owned,
        CancellationToken cancellationToken)
    {
        var diff = owned.Count - Replicas(rs);
        if (diff < 0)
        {
            var want = Math.Min(-diff, BurstReplicas);
            Expectations.ExpectCreations(key, want);
            var (created, error) = await SlowStart.RunAsync(want, () => CreatePodAsync(rs, controllerRef, cancellationToken));
            // Pods never attempted (or failed) will not show up in the informer: stop expecting them.
            for (var i = created; i < want; i++) Expectations.CreationObserved(key);
            if (error is not null) throw error;
        }
        else if (diff > 0)
        {
            var count = Math.Min(diff, BurstReplicas);
            var victims = PodDeletionOrder.PickVictims(owned, RelatedPods(rs), count, _time.GetUtcNow());
            Expectations.ExpectDeletions(key, victims.Select(p => p.Key()));
            var results = await Task.WhenAll(victims.Select(p => DeletePodAsync(key, rs, p, cancellationToken)));
            if (results.FirstOrDefault(r => r is not null) is { } error) throw error;
        }
    }

    private async Task CreatePodAsync(JsonObject rs, JsonObject controllerRef, CancellationToken cancellationToken)
    {
        try
        {
            var pod = await _client.CreateAsync(_podType, PodTemplates.NewPod(rs, controllerRef), cancellationToken);
            _events(rs, "Normal", "SuccessfulCreate", $"Created pod: {pod.Name()}");
        }
        catch (ApiClientException e)
        {
            _events(rs, "Warning", "FailedCreate", $"Error creating: {e.Message}");
            throw;
        }
    }

    private async Task<ApiClientException?> DeletePodAsync(string key, JsonObject rs, JsonObject pod, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync(_podType, pod.Namespace(), pod.Name(), cancellationToken: cancellationToken);
            _events(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
            return null;
        }
        catch (ApiClientException e)
        {
            // The informer will never report this deletion: stop waiting for it.
            Expectations.DeletionObserved(key, pod.Key());
            if (e.IsNotFound) return null;
            _events(rs, "Warning", "FailedDelete", $"Error deleting: {e.Message}");
            return e;
        }
    }

    /// <summary>Active pods of this set and of its siblings under the same controller (for co-location ranks).</summary>
    private IEnumerable<JsonObject> RelatedPods(JsonObject rs)
    {
        var ownerUid = OwnerReferences.ControllerUid(rs);
        var setUids = ownerUid is null
            ? [rs.Uid()]
            : _replicaSets.List(rs.Namespace()).Where(s => OwnerReferences.ControllerUid(s) == ownerUid).Select(s => s.Uid()).ToHashSet();
        setUids.Add(rs.Uid());
        return _pods.List(rs.Namespace()).Where(p => PodState.IsActive(p) && OwnerReferences.ControllerUid(p) is { } u && setUids.Contains(u));
    }

    /// <summary>Writes status; on a conflict re-reads the set once and retries (Kubernetes' statusUpdateRetries).</summary>
    private async Task WriteStatusAsync(JsonObject rs, JsonObject status, CancellationToken cancellationToken)
    {
        var copy = rs.DeepClone().AsObject();
        copy["status"] = status;
        try
        {
            await _client.UpdateStatusAsync(_rsType, copy, cancellationToken);
        }
        catch (ApiClientException e) when (e.IsConflict)
        {
            var fresh = await _client.GetAsync(_rsType, rs.Namespace(), rs.Name(), cancellationToken);
            if (fresh is null || fresh.Uid() != rs.Uid()) return;
            var observed = status.DeepClone().AsObject();
            observed.Remove("observedGeneration");
            // Claim the generation we looked at only if the spec did not move meanwhile.
            var generation = fresh.Generation() == rs.Generation() ? rs.Generation() : fresh.Obj("status").Int("observedGeneration") ?? 0;
            if (generation != 0) observed["observedGeneration"] = WorkloadJson.Number(generation);
            fresh["status"] = observed;
            await _client.UpdateStatusAsync(_rsType, fresh, cancellationToken);
        }
    }
}
