using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.StatefulSet;

/// <summary>
/// StatefulSets: pods with stable ordinal names and their own claims. OrderedReady creates ordinal N only once 0..N-1 are
/// Running and Ready and removes the highest ordinal first, one at a time; Parallel does all at once. RollingUpdate replaces
/// pods from the highest ordinal down to the partition, one at a time, each only after the one above is healthy again.
/// </summary>
public sealed class StatefulSetController(ControllerContext context) : IController
{
    private const string Component = "statefulset-controller";
    private readonly ResourceType _setType = context.Type("apps", "v1", "statefulsets");
    private readonly ResourceType _podType = context.Type("", "v1", "pods");
    private readonly ResourceType _claimType = context.Type("", "v1", "persistentvolumeclaims");
    private readonly ResourceType _revisionType = context.Type("apps", "v1", "controllerrevisions");
    private readonly PodExpectations _expectations = new(context.Time);

    public string Name => "statefulset";

    public void Watch(ControllerContext ctx, IWorkQueue queue)
    {
        ctx.Informers.For(_setType).Changed += e => queue.Add(Objects.Key(e.New));
        ctx.Informers.For(_podType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "StatefulSet") is { } key) queue.Add(key);
            if (e.Old is not null && Objects.OwnerKey(e.Old, "StatefulSet") is { } oldKey) queue.Add(oldKey);
        };
        ctx.Informers.For(_revisionType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "StatefulSet") is { } key) queue.Add(key);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Objects.SplitKey(key);
        var set = context.Informers.For(_setType).Get(ns, name);
        if (set is null || Objects.IsDeleting(set))
        {
            _expectations.Forget(key);
            return ReconcileResult.Done; // the garbage collector removes pods (and claims owned through the retention policy)
        }
        if (!_expectations.Satisfied(key, context.Informers.For(_podType), ns, out var pending))
            return ReconcileResult.After(pending); // our last writes are not in the cache yet; their events requeue us

        var revisions = Objects.Owned(context.Informers.For(_revisionType), set);
        var collisionCount = set.Obj("status").Int("collisionCount") ?? 0;
        var template = set.Obj("spec").Obj("template") ?? [];
        (var updateRevision, collisionCount) = await Revisions.EnsureAsync(context, _setType, set, revisions,
            Revisions.DataFor(template), collisionCount, cancellationToken);
        revisions = revisions.Where(r => Objects.Name(r) != Objects.Name(updateRevision)).Append(updateRevision).ToList();
        var currentRevision = revisions.FirstOrDefault(r => Objects.Name(r) == set.Obj("status").Str("currentRevision")) ?? updateRevision;

        var pods = Objects.Owned(context.Informers.For(_podType), set)
            .Where(p => StatefulSetIdentity.Ordinal(set, p) is not null).ToList();
        await SyncPodsAsync(set, pods, currentRevision, updateRevision, cancellationToken);

        var now = context.Time.GetUtcNow();
        var status = StatefulSetStatus.Compute(set, pods, Objects.Name(currentRevision), Objects.Name(updateRevision), collisionCount, now);
        await StatusWriter.WriteAsync(context, _setType, set, status, cancellationToken);

        var live = new HashSet<string>(pods.Select(p => Objects.Label(p, Revisions.HashLabel) ?? ""))
        {
            Objects.Name(currentRevision), Objects.Name(updateRevision), status.Str("currentRevision") ?? "",
        };
        await Revisions.TruncateAsync(context, revisions, live, set.Obj("spec").Int("revisionHistoryLimit") ?? 10, cancellationToken);

        return StatefulSetStatus.NextAvailableCheck(set, pods, now) is { } wait ? ReconcileResult.After(wait) : ReconcileResult.Done;
    }

    /// <summary>One pass of the ordered state machine (Kubernetes' updateStatefulSet), stopping where OrderedReady must wait.</summary>
    private async Task SyncPodsAsync(JsonObject set, List<JsonObject> pods, JsonObject currentRevision, JsonObject updateRevision,
        CancellationToken cancellationToken)
    {
        var spec = set.Obj("spec");
        var replicas = spec.Int("replicas") ?? 1;
        var start = spec.Obj("ordinals").Int("start") ?? 0;
        var end = start + replicas;
        var monotonic = spec.Str("podManagementPolicy") != "Parallel";
        var rollingUpdate = spec.Obj("updateStrategy").Str("type") is null or "RollingUpdate";
        var partition = rollingUpdate ? spec.Obj("updateStrategy").Obj("rollingUpdate").Int("partition") ?? 0 : 0;
        var minReady = spec.Int("minReadySeconds") ?? 0;
        var now = context.Time.GetUtcNow();
        bool Healthy(JsonObject p) => PodStates.IsRunningAndReady(p) && PodStates.IsAvailable(p, minReady, now) && !PodStates.IsTerminating(p);

        var byOrdinal = pods.ToDictionary(p => StatefulSetIdentity.Ordinal(set, p)!.Value);

        // Create, replace and wait, lowest ordinal first.
        for (var ordinal = start; ordinal < end; ordinal++)
        {
            byOrdinal.TryGetValue(ordinal, out var pod);
            if (pod is not null && PodStates.IsTerminal(pod) && !PodStates.IsTerminating(pod))
            {
                // A failed (or exited) pod is deleted and, on a later pass, recreated with the same identity.
                await DeletePodAsync(set, pod, cancellationToken);
                if (monotonic) return;
                continue;
            }
            if (pod is null)
            {
                // Ordinals below the partition keep the current revision; the rest get the update revision.
                var revision = rollingUpdate && ordinal < start + partition ? currentRevision : updateRevision;
                var created = await CreatePodAsync(set, ordinal, revision, cancellationToken);
                if (created is not null) pods.Add(created);
                if (monotonic) return;
                continue;
            }
            if (!await EnsureClaimsAsync(set, pod, ordinal, cancellationToken) && monotonic) return;
            if (monotonic && !Healthy(pod)) return;
        }

        // Scale down: highest ordinal first; OrderedReady one at a time and only once everything above is gone.
        var condemned = byOrdinal.Where(p => p.Key < start || p.Key >= end).OrderByDescending(p => p.Key).Select(p => p.Value).ToList();
        foreach (var pod in condemned)
        {
            if (PodStates.IsTerminating(pod))
            {
                if (monotonic) return;
                continue;
            }
            if (ClaimRetention.DeleteWhenScaled(set))
                await OwnClaimsByPodAsync(set, pod, cancellationToken);
            await DeletePodAsync(set, pod, cancellationToken);
            if (monotonic) return;
        }
        if (condemned.Count > 0 && !monotonic) return;

        // Rolling update from the highest ordinal down to the partition, one pod at a time.
        if (!rollingUpdate) return;
        for (var ordinal = end - 1; ordinal >= start + partition; ordinal--)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod)) return;
            if (Objects.Label(pod, Revisions.HashLabel) != Objects.Name(updateRevision) && !PodStates.IsTerminating(pod))
            {
                await DeletePodAsync(set, pod, cancellationToken);
                return;
            }
            if (!Healthy(pod)) return;
        }
    }

    private async Task<JsonObject?> CreatePodAsync(JsonObject set, long ordinal, JsonObject revision, CancellationToken cancellationToken)
    {
        var podName = StatefulSetIdentity.PodName(set, ordinal);
        if (!await CreateClaimsAsync(set, podName, ordinal, cancellationToken))
            return null;
        var pod = StatefulSetIdentity.NewPod(set, _setType, Revisions.TemplateOf(revision), ordinal, Objects.Name(revision));
        try
        {
            var created = await context.Client.CreateAsync(_podType, pod, cancellationToken);
            _expectations.ExpectCreate(Objects.Key(set), podName);
            Record(set, "Normal", "SuccessfulCreate", $"create Pod {podName} in StatefulSet {Objects.Name(set)} successful");
            return created;
        }
        catch (ApiClientException e) when (e.IsAlreadyExists)
        {
            return null; // our cache is behind; the pod's event brings us back
        }
        catch (ApiClientException e)
        {
            Record(set, "Warning", "FailedCreate", $"create Pod {podName} in StatefulSet {Objects.Name(set)} failed error: {e.Message}");
            throw;
        }
    }

    /// <summary>Creates the ordinal's missing claims; false when a claim is still being deleted (the pod must wait for it).</summary>
    private async Task<bool> CreateClaimsAsync(JsonObject set, string podName, long ordinal, CancellationToken cancellationToken)
    {
        var claims = context.Informers.For(_claimType);
        var ready = true;
        foreach (var claim in StatefulSetIdentity.NewClaims(set, ordinal))
        {
            var claimName = Objects.Name(claim);
            if (claims.Get(Objects.Namespace(set), claimName) is { } existing)
            {
                if (Objects.IsDeleting(existing)) ready = false;
                else if (ClaimRetention.DeleteWithSet(set))
                    await ClaimRetention.EnsureOwnerAsync(context, _claimType, existing, SetOwner(set), cancellationToken);
                continue;
            }
            if (ClaimRetention.DeleteWithSet(set))
                Objects.Meta(claim)!["ownerReferences"] = new JsonArray(SetOwner(set));
            try
            {
                await context.Client.CreateAsync(_claimType, claim, cancellationToken);
                Record(set, "Normal", "SuccessfulCreate",
                    $"create Claim {claimName} Pod {podName} in StatefulSet {Objects.Name(set)} success");
            }
            catch (ApiClientException e) when (e.IsAlreadyExists)
            {
                // Created earlier; the cache has not caught up.
            }
            catch (ApiClientException e)
            {
                Record(set, "Warning", "FailedCreate",
                    $"create Claim {claimName} for Pod {podName} in StatefulSet {Objects.Name(set)} failed error: {e.Message}");
                throw;
            }
        }
        return ready;
    }

    /// <summary>An existing pod whose claims went missing gets them back (Kubernetes recreates them too).</summary>
    private Task<bool> EnsureClaimsAsync(JsonObject set, JsonObject pod, long ordinal, CancellationToken cancellationToken) =>
        CreateClaimsAsync(set, Objects.Name(pod), ordinal, cancellationToken);

    private JsonObject SetOwner(JsonObject set) => ClaimRetention.OwnerRef(set, _setType.ApiVersion, _setType.Kind);

    private async Task OwnClaimsByPodAsync(JsonObject set, JsonObject pod, CancellationToken cancellationToken)
    {
        var ordinal = StatefulSetIdentity.Ordinal(set, pod)!.Value;
        var claims = context.Informers.For(_claimType);
        foreach (var t in set.Obj("spec").Arr("volumeClaimTemplates").Objects())
            if (claims.Get(Objects.Namespace(set), StatefulSetIdentity.ClaimName(Objects.Name(t), set, ordinal)) is { } claim)
                await ClaimRetention.EnsureOwnerAsync(context, _claimType, claim, ClaimRetention.OwnerRef(pod, "v1", "Pod"), cancellationToken);
    }

    private async Task DeletePodAsync(JsonObject set, JsonObject pod, CancellationToken cancellationToken)
    {
        try
        {
            await context.Client.DeleteAsync(_podType, Objects.Namespace(pod), Objects.Name(pod), preconditionUid: Objects.Uid(pod),
                cancellationToken: cancellationToken);
            _expectations.ExpectDelete(Objects.Key(set), Objects.Name(pod), Objects.Uid(pod));
            Record(set, "Normal", "SuccessfulDelete", $"delete Pod {Objects.Name(pod)} in StatefulSet {Objects.Name(set)} successful");
        }
        catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
        {
            // Already gone, or replaced by a newer pod of the same name: the next pass sees the truth.
        }
    }

    private void Record(JsonObject set, string type, string reason, string message) =>
        context.Events.Record(set, type, reason, message, Component);
}
