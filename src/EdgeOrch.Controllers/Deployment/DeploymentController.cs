using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>
/// Kubernetes' deployment controller: one ReplicaSet per pod-template revision (named &lt;deployment&gt;-&lt;pod-template-hash&gt;),
/// RollingUpdate and Recreate, proportional scaling, pause, revision history, progress deadline and the
/// Progressing/Available conditions. Each reconcile claims the matching ReplicaSets and runs one <see cref="DeploymentSync"/>.
/// </summary>
public sealed class DeploymentController : IController
{
    public const string Component = "deployment-controller";

    private readonly DeploymentWriters _writers;
    private readonly ResourceType _podType;
    private readonly IObjectCache _deployments;
    private readonly IObjectCache _replicaSets;
    private readonly IObjectCache _pods;
    private readonly TimeProvider _time;
    private readonly ControllerRefManager _claimer;

    public DeploymentController(ControllerContext context)
        : this(context.Client, context.Type("apps", "v1", "deployments"), context.Type("apps", "v1", "replicasets"),
            context.Type("", "v1", "pods"),
            new InformerObjectCache(context.Informers.For(context.Type("apps", "v1", "deployments"))),
            new InformerObjectCache(context.Informers.For(context.Type("apps", "v1", "replicasets"))),
            new InformerObjectCache(context.Informers.For(context.Type("", "v1", "pods"))),
            (o, t, r, m) => context.Events.Record(o, t, r, m, Component), context.Time)
    {
    }

    internal DeploymentController(IApiClient client, ResourceType deploymentType, ResourceType rsType, ResourceType podType,
        IObjectCache deployments, IObjectCache replicaSets, IObjectCache pods, EventSink events, TimeProvider time)
    {
        _writers = new DeploymentWriters(client, deploymentType, rsType, events);
        _podType = podType;
        _deployments = deployments;
        _replicaSets = replicaSets;
        _pods = pods;
        _time = time;
        _claimer = new ControllerRefManager(client, deploymentType, rsType);
    }

    public string Name => "deployment";

    /// <summary>Kubernetes' default --concurrent-deployment-syncs.</summary>
    public int Workers => 5;

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        context.Informers.For(_writers.Deployments).Changed += e => OnDeploymentChanged(e, queue);
        context.Informers.For(_writers.ReplicaSets).Changed += e => OnReplicaSetChanged(e, queue);
        context.Informers.For(_podType).Changed += e => OnPodChanged(e, queue);
    }

    internal static void OnDeploymentChanged(InformerEvent e, IWorkQueue queue) => queue.Add(e.New.Key());

    /// <summary>A ReplicaSet changed: wake its Deployment, or (orphans) every Deployment whose selector matches it.</summary>
    internal void OnReplicaSetChanged(InformerEvent e, IWorkQueue queue)
    {
        var rs = e.New;
        if (e.Old is { } old && OwnerReferences.ControllerUid(old) != OwnerReferences.ControllerUid(rs) && OwnerOf(old) is { } previous)
            queue.Add(previous.Key());
        if (OwnerOf(rs) is { } owner)
        {
            queue.Add(owner.Key());
            return;
        }
        if (e.Type == InformerEventType.Deleted || OwnerReferences.ControllerOf(rs) is not null) return;
        var relabelled = e.Old is null || !JsonNode.DeepEquals(e.Old.Labels(), rs.Labels())
            || OwnerReferences.ControllerUid(e.Old) is not null;
        if (!relabelled) return;
        foreach (var d in _deployments.List(rs.Namespace()))
            if (LabelSelectors.Matches(d.Obj("spec").Obj("selector"), rs.Labels()))
                queue.Add(d.Key());
    }

    /// <summary>A pod went away: a Recreate rollout may be waiting for exactly that.</summary>
    internal void OnPodChanged(InformerEvent e, IWorkQueue queue)
    {
        if (e.Type != InformerEventType.Deleted) return;
        if (OwnerReferences.ControllerOf(e.New) is not { } r || r.Str("kind") != "ReplicaSet") return;
        var rs = _replicaSets.Get(e.New.Namespace(), r.Str("name") ?? "");
        if (rs is null || rs.Uid() != r.Str("uid") || OwnerOf(rs) is not { } d) return;
        if (RolloutMath.StrategyType(d) == RolloutMath.Recreate) queue.Add(d.Key());
    }

    private JsonObject? OwnerOf(JsonObject rs)
    {
        if (OwnerReferences.ControllerOf(rs) is not { } r || r.Str("kind") != "Deployment") return null;
        var d = _deployments.Get(rs.Namespace(), r.Str("name") ?? "");
        return d is not null && d.Uid() == r.Str("uid") ? d : null;
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkloadJson.SplitKey(key);
        var d = _deployments.Get(ns, name);
        if (d is null) return ReconcileResult.Done;

        var controllerRef = OwnerReferences.NewControllerRef(d, "apps/v1", "Deployment");
        var sets = await _claimer.ClaimAsync(d, controllerRef, _replicaSets.List(ns), cancellationToken);
        var setUids = sets.Select(s => s.Uid()).ToHashSet();
        // Only Recreate looks at pods (it waits for the old ones to be gone): skip the namespace scan otherwise.
        var podsBySet = new Dictionary<string, List<JsonObject>>();
        var pods = RolloutMath.StrategyType(d) == RolloutMath.Recreate ? _pods.List(ns) : [];
        foreach (var pod in pods)
        {
            if (OwnerReferences.ControllerUid(pod) is not { } uid || !setUids.Contains(uid)) continue;
            if (!podsBySet.TryGetValue(uid, out var list)) podsBySet[uid] = list = [];
            list.Add(pod);
        }

        var sync = new DeploymentSync(_writers, d, sets, podsBySet, _time.GetUtcNow());
        await sync.RunAsync(cancellationToken);
        return sync.Requeue is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }
}
