using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.Controllers.ReplicaSet;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>What one Deployment sync writes through, and how it reports.</summary>
internal sealed record DeploymentWriters(IApiClient Client, ResourceType Deployments, ResourceType ReplicaSets, EventSink Events);

/// <summary>
/// One sync of one Deployment (Kubernetes' syncDeployment), split over partial files by concern: this file holds the entry
/// point, the new-ReplicaSet resolution and the writes; the others hold rolling update, recreate, proportional scaling,
/// status/conditions and history cleanup. It works on a private copy of the Deployment and keeps the latest version of every
/// ReplicaSet it wrote, so later steps of the same sync see earlier ones, as the Go code does by reassigning pointers.
/// </summary>
internal sealed partial class DeploymentSync
{
    private readonly DeploymentWriters _w;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, JsonObject> _sets = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, List<JsonObject>> _podsBySet;
    private JsonObject _d;
    private JsonObject _persisted;
    private string? _newName;
    private List<string> _oldNames = [];

    /// <param name="podsBySet">Pods of the claimed ReplicaSets, by ReplicaSet UID (Recreate waits for old ones to go).</param>
    public DeploymentSync(DeploymentWriters writers, JsonObject deployment, IEnumerable<JsonObject> claimedSets,
        IReadOnlyDictionary<string, List<JsonObject>> podsBySet, DateTimeOffset now)
    {
        _w = writers;
        _now = now;
        _persisted = deployment;
        _d = deployment.DeepClone().AsObject();
        _podsBySet = podsBySet;
        foreach (var rs in claimedSets) _sets[rs.Name()] = rs;
    }

    /// <summary>When to look again (progress deadline), if at all.</summary>
    public TimeSpan? Requeue { get; private set; }

    private JsonObject? NewSet => _newName is null ? null : _sets[_newName];

    private List<JsonObject> OldSets => _oldNames.Select(n => _sets[n]).ToList();

    private List<JsonObject> AllSets => NewSet is { } n ? [.. OldSets, n] : OldSets;

    private JsonObject Status => _d.Ensure("status");

    private int DesiredReplicas => RolloutMath.Replicas(_d);

    public async Task RunAsync(CancellationToken ct)
    {
        if (LabelSelectors.IsEmpty(_d.Obj("spec").Obj("selector")))
        {
            _w.Events(_d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if ((Status.Int("observedGeneration") ?? 0) < _d.Generation())
            {
                Status["observedGeneration"] = WorkloadJson.Number(_d.Generation());
                await PersistAsync(ct);
            }
            return;
        }
        if (_d.IsDeleting())
        {
            await ResolveSetsAsync(create: false, ct);
            await SyncDeploymentStatusAsync(ct);
            return;
        }
        await CheckPausedConditionsAsync(ct);
        if (_d.Obj("spec").Bool("paused") == true || await IsScalingEventAsync(ct))
        {
            await ScaleOnlyAsync(ct);
            return;
        }
        if (RolloutMath.StrategyType(_d) == RolloutMath.Recreate)
            await RolloutRecreateAsync(ct);
        else
            await RolloutRollingAsync(ct);
    }

    /// <summary>A scaling event: some active ReplicaSet was sized for another spec.replicas than the Deployment's now.</summary>
    private async Task<bool> IsScalingEventAsync(CancellationToken ct)
    {
        await ResolveSetsAsync(create: false, ct);
        foreach (var rs in RolloutMath.Active(AllSets))
            if (Revisions.DesiredOf(rs) is { } desired && desired != DesiredReplicas)
                return true;
        return false;
    }

    /// <summary>Scaling while paused or on a replicas change: no rollout progress, only proportional scaling.</summary>
    private async Task ScaleOnlyAsync(CancellationToken ct)
    {
        await ResolveSetsAsync(create: false, ct);
        await ScaleAsync(ct);
        if (_d.Obj("spec").Bool("paused") == true) await CleanupHistoryAsync(ct);
        await SyncDeploymentStatusAsync(ct);
    }

    /// <summary>
    /// getAllReplicaSetsAndSyncRevision: split the claimed sets into the new one (template equal ignoring the hash; the oldest
    /// such) and the old ones, bring the new one's revision and annotations up to date, create it if asked and missing.
    /// </summary>
    private async Task ResolveSetsAsync(bool create, CancellationToken ct)
    {
        var template = _d.Obj("spec").Obj("template");
        var ordered = _sets.Values.ToList();
        ordered.Sort(ReplicaSetOrder.ByCreation);
        var existing = ordered.FirstOrDefault(rs => PodTemplateHash.EqualIgnoreHash(rs.Obj("spec").Obj("template"), template));
        _newName = existing?.Name();
        _oldNames = ordered.Where(rs => !ReferenceEquals(rs, existing)).Select(rs => rs.Name()).ToList();
        var newRevision = Revisions.Max(OldSets) + 1;

        if (existing is not null)
        {
            var copy = existing.DeepClone().AsObject();
            var annotationsChanged = Revisions.SetNewReplicaSetAnnotations(_d, copy, newRevision, exists: true);
            var minReady = _d.Obj("spec").Int("minReadySeconds") ?? 0;
            if (annotationsChanged || (copy.Obj("spec").Int("minReadySeconds") ?? 0) != minReady)
            {
                copy.Ensure("spec")["minReadySeconds"] = WorkloadJson.Number(minReady);
                _sets[copy.Name()] = await _w.Client.UpdateAsync(_w.ReplicaSets, copy, ct);
            }
            var needsUpdate = SetDeploymentRevision(NewSet!.Annotation(Revisions.Revision) ?? "");
            if (HasProgressDeadline && DeploymentConditions.Get(Status, DeploymentConditions.Progressing) is null)
            {
                DeploymentConditions.Set(Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.FoundNewReplicaSet, $"Found new replica set \"{_newName}\"", _now));
                needsUpdate = true;
            }
            if (needsUpdate) await PersistAsync(ct);
            return;
        }
        if (create) await CreateNewSetAsync(newRevision, ct);
    }

    private async Task CreateNewSetAsync(long newRevision, CancellationToken ct)
    {
        var collisionCount = Status.Int("collisionCount");
        var template = _d.Obj("spec").Obj("template")!.DeepClone().AsObject();
        var hash = PodTemplateHash.Compute(_d.Obj("spec").Obj("template"), collisionCount);
        template.Meta().Ensure("labels")[PodTemplateHash.Label] = hash;
        var selector = _d.Obj("spec").Obj("selector")!.DeepClone().AsObject();
        selector.Ensure("matchLabels")[PodTemplateHash.Label] = hash;
        var name = $"{_d.Name()}-{hash}";
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = _d.Namespace(),
                ["labels"] = template.Obj("metadata").Obj("labels")!.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerReferences.NewControllerRef(_d, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = WorkloadJson.Number(0),
                ["minReadySeconds"] = WorkloadJson.Number(_d.Obj("spec").Int("minReadySeconds") ?? 0),
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var replicas = RolloutMath.NewReplicaSetReplicas(_d, [.. OldSets, rs], rs);
        rs["spec"]!["replicas"] = WorkloadJson.Number(replicas);
        Revisions.SetNewReplicaSetAnnotations(_d, rs, newRevision, exists: false);

        JsonObject created;
        var alreadyExisted = false;
        try
        {
            created = await _w.Client.CreateAsync(_w.ReplicaSets, rs, ct);
        }
        catch (ApiClientException e) when (e.IsAlreadyExists)
        {
            var found = await _w.Client.GetAsync(_w.ReplicaSets, _d.Namespace(), name, ct);
            if (found is null || !OwnerReferences.IsControlledBy(found, _d)
                || !PodTemplateHash.EqualIgnoreHash(found.Obj("spec").Obj("template"), _d.Obj("spec").Obj("template")))
            {
                // Another template (or owner) holds this name: bump collisionCount so the next hash differs, and retry.
                Status["collisionCount"] = WorkloadJson.Number((collisionCount ?? 0) + 1);
                await PersistAsync(ct);
                throw;
            }
            created = found;
            alreadyExisted = true;
        }
        catch (ApiClientException e)
        {
            var message = $"Failed to create new replica set \"{name}\": {e.Message}";
            if (HasProgressDeadline)
            {
                DeploymentConditions.Set(Status, DeploymentConditions.New(DeploymentConditions.Progressing, "False",
                    "ReplicaSetCreateError", message, _now));
                await PersistAsync(ct);
            }
            _w.Events(_d, "Warning", "ReplicaSetCreateError", message);
            throw;
        }

        _sets[name] = created;
        _newName = name;
        if (!alreadyExisted && replicas > 0)
            _w.Events(_d, "Normal", "ScalingReplicaSet", $"Scaled up replica set {name} from 0 to {replicas}");
        var needsUpdate = SetDeploymentRevision(newRevision.ToString(CultureInfo.InvariantCulture));
        if (!alreadyExisted && HasProgressDeadline)
        {
            DeploymentConditions.Set(Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetCreated, $"Created new replica set \"{name}\"", _now));
            needsUpdate = true;
        }
        if (needsUpdate) await PersistAsync(ct);
    }

    /// <summary>The Deployment carries the revision of its newest ReplicaSet.</summary>
    private bool SetDeploymentRevision(string revision)
    {
        if (_d.Annotation(Revisions.Revision) == revision) return false;
        _d.SetAnnotation(Revisions.Revision, revision);
        return true;
    }

    private bool HasProgressDeadline =>
        _d.Obj("spec").Int("progressDeadlineSeconds") is { } s && s != int.MaxValue;

    /// <summary>scaleReplicaSetAndRecordEvent: no call when the size is already right.</summary>
    private async Task<bool> ScaleAndRecordAsync(JsonObject rs, int newScale, CancellationToken ct)
    {
        if (RolloutMath.Replicas(rs) == newScale) return false;
        return await ScaleSetAsync(rs, newScale, ct);
    }

    /// <summary>Sets the size and the desired/max annotations; records "Scaled up|down replica set X from A to B".</summary>
    private async Task<bool> ScaleSetAsync(JsonObject rs, int newScale, CancellationToken ct)
    {
        var oldScale = RolloutMath.Replicas(rs);
        var max = DesiredReplicas + RolloutMath.MaxSurge(_d);
        var sizeChanges = oldScale != newScale;
        if (!sizeChanges && !Revisions.NeedReplicasUpdate(rs, DesiredReplicas, max)) return false;
        var copy = rs.DeepClone().AsObject();
        copy.Ensure("spec")["replicas"] = WorkloadJson.Number(newScale);
        Revisions.SetReplicasAnnotations(copy, DesiredReplicas, max);
        _sets[rs.Name()] = await _w.Client.UpdateAsync(_w.ReplicaSets, copy, ct);
        if (!sizeChanges) return false;
        var direction = oldScale < newScale ? "up" : "down";
        _w.Events(_d, "Normal", "ScalingReplicaSet", $"Scaled {direction} replica set {rs.Name()} from {oldScale} to {newScale}");
        return true;
    }

    /// <summary>
    /// Writes what this sync changed on the Deployment: annotations through an update (a status write keeps metadata), then
    /// the status through the status subresource.
    /// </summary>
    private async Task PersistAsync(CancellationToken ct)
    {
        var current = _persisted;
        if (!JsonNode.DeepEquals(current.Obj("metadata").Obj("annotations"), _d.Obj("metadata").Obj("annotations")))
        {
            var copy = current.DeepClone().AsObject();
            copy.Meta()["annotations"] = _d.Obj("metadata").Obj("annotations")?.DeepClone();
            current = await _w.Client.UpdateAsync(_w.Deployments, copy, ct);
        }
        if (!JsonNode.DeepEquals(current["status"], _d["status"]))
        {
            var copy = current.DeepClone().AsObject();
            copy["status"] = _d["status"]?.DeepClone();
            current = await _w.Client.UpdateStatusAsync(_w.Deployments, copy, ct);
        }
        _persisted = current;
        var status = _d["status"]?.DeepClone();
        _d = current.DeepClone().AsObject();
        _d["status"] = status;
    }
}
