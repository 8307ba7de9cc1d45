using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.DaemonSet;

/// <summary>
/// DaemonSets: one pod per eligible node, following nodes as they join, leave, change labels or gain taints; pods are
/// pinned by node affinity and bound by the scheduler. Template changes roll out per updateStrategy (RollingUpdate with
/// maxUnavailable/maxSurge, or OnDelete), tracked by ControllerRevisions.
/// </summary>
public sealed class DaemonSetController(ControllerContext context) : IController
{
    private const string Component = "daemonset-controller";
    private readonly ResourceType _setType = context.Type("apps", "v1", "daemonsets");
    private readonly ResourceType _podType = context.Type("", "v1", "pods");
    private readonly ResourceType _nodeType = context.Type("", "v1", "nodes");
    private readonly ResourceType _revisionType = context.Type("apps", "v1", "controllerrevisions");
    private readonly PodExpectations _expectations = new(context.Time);

    public string Name => "daemonset";

    public void Watch(ControllerContext ctx, IWorkQueue queue)
    {
        var sets = ctx.Informers.For(_setType);
        sets.Changed += e => queue.Add(Objects.Key(e.New));
        ctx.Informers.For(_podType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "DaemonSet") is { } key) queue.Add(key);
        };
        ctx.Informers.For(_revisionType).Changed += e =>
        {
            if (Objects.OwnerKey(e.New, "DaemonSet") is { } key) queue.Add(key);
        };
        // Any node change may change where daemons belong (labels, taints, joins, leaves).
        ctx.Informers.For(_nodeType).Changed += e =>
        {
            if (e.Type == InformerEventType.Updated && e.Old is not null && !NodeChangeMatters(e.Old, e.New)) return;
            foreach (var set in sets.List())
                queue.Add(Objects.Key(set));
        };
    }

    /// <summary>Heartbeats change node status every few seconds; only labels, taints and existence move daemons.</summary>
    private static bool NodeChangeMatters(JsonObject before, JsonObject after) =>
        RevisionHash.Canonical(Objects.Labels(before)) != RevisionHash.Canonical(Objects.Labels(after)) ||
        RevisionHash.Canonical(before.Obj("spec")) != RevisionHash.Canonical(after.Obj("spec"));

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Objects.SplitKey(key);
        var set = context.Informers.For(_setType).Get(ns, name);
        if (set is null || Objects.IsDeleting(set))
        {
            _expectations.Forget(key);
            return ReconcileResult.Done;
        }
        if (!_expectations.Satisfied(key, context.Informers.For(_podType), ns, out var pending))
            return ReconcileResult.After(pending); // our last writes are not in the cache yet; their events requeue us

        var revisions = Objects.Owned(context.Informers.For(_revisionType), set);
        var collisionCount = set.Obj("status").Int("collisionCount") ?? 0;
        var template = set.Obj("spec").Obj("template") ?? [];
        (var revision, collisionCount) = await Revisions.EnsureAsync(context, _setType, set, revisions, Revisions.DataFor(template),
            collisionCount, cancellationToken);
        var hash = Objects.Label(revision, Revisions.HashLabel) ?? "";

        var now = context.Time.GetUtcNow();
        var nodes = context.Informers.For(_nodeType).List();
        var pods = Objects.Owned(context.Informers.For(_podType), set);
        var plan = DaemonSetPlan.Make(set, DaemonPods.SpecWithTolerations(template), nodes, pods, hash, now);
        if (set.Obj("spec").Obj("updateStrategy").Str("type") is null or "RollingUpdate")
            plan.RollingUpdate(set, hash, now);

        var status = Status(set, plan, hash, collisionCount, now);
        foreach (var (pod, reason) in plan.Delete)
            await DeletePodAsync(set, pod, reason, cancellationToken);
        foreach (var node in plan.CreateOn)
            await CreatePodAsync(set, Revisions.TemplateOf(revision), node, hash, cancellationToken);
        await StatusWriter.WriteAsync(context, _setType, set, status, cancellationToken);

        var live = new HashSet<string>(pods.Select(p => $"{Objects.Name(set)}-{Objects.Label(p, Revisions.HashLabel)}"))
        {
            Objects.Name(revision),
        };
        await Revisions.TruncateAsync(context, revisions, live, set.Obj("spec").Int("revisionHistoryLimit") ?? 10, cancellationToken);

        // Pods turning available after minReadySeconds change the status and free the rolling-update budget.
        var minReady = set.Obj("spec").Int("minReadySeconds") ?? 0;
        var next = pods.Select(p => PodStates.AvailableAt(p, minReady, now)).Where(t => t is not null).Min();
        return next is { } at ? ReconcileResult.After(at - now) : ReconcileResult.Done;
    }

    private JsonObject Status(JsonObject set, DaemonSetPlan plan, string hash, long collisionCount, DateTimeOffset now)
    {
        var minReady = set.Obj("spec").Int("minReadySeconds") ?? 0;
        long scheduled = 0, ready = 0, available = 0, updated = 0;
        foreach (var pods in plan.Eligible.Values.Where(p => p.Count > 0))
        {
            scheduled++;
            var pod = pods.FirstOrDefault(p => Objects.Label(p, Revisions.HashLabel) == hash) ?? pods[0];
            if (Objects.Label(pod, Revisions.HashLabel) == hash) updated++;
            if (PodStates.IsReady(pod)) ready++;
            if (PodStates.IsAvailable(pod, minReady, now)) available++;
        }
        var desired = plan.Eligible.Count;
        var status = set.Obj("status")?.DeepClone() as JsonObject ?? [];
        status["currentNumberScheduled"] = Objects.Number(scheduled);
        status["numberMisscheduled"] = Objects.Number(plan.Misscheduled);
        status["desiredNumberScheduled"] = Objects.Number(desired);
        status["numberReady"] = Objects.Number(ready);
        status["observedGeneration"] = Objects.Number(Objects.Generation(set));
        status["updatedNumberScheduled"] = Objects.Number(updated);
        status["numberAvailable"] = Objects.Number(available);
        status["numberUnavailable"] = Objects.Number(desired - available);
        if (collisionCount > 0) status["collisionCount"] = Objects.Number(collisionCount);
        return status;
    }

    private async Task CreatePodAsync(JsonObject set, JsonObject template, string node, string hash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pod = DaemonPods.NewPod(set, _setType, template, node, hash);
            try
            {
                var created = await context.Client.CreateAsync(_podType, pod, cancellationToken);
                _expectations.ExpectCreate(Objects.Key(set), Objects.Name(created));
                Record(set, "Normal", "SuccessfulCreate", $"Created pod: {Objects.Name(created)}");
                return;
            }
            catch (ApiClientException e) when (e.IsAlreadyExists && attempt < 3)
            {
                // A random-suffix clash: draw another name.
            }
            catch (ApiClientException e)
            {
                Record(set, "Warning", "FailedCreate", $"Error creating: {e.Message}");
                throw;
            }
        }
    }

    private async Task DeletePodAsync(JsonObject set, JsonObject pod, string reason, CancellationToken cancellationToken)
    {
        if (reason == "failed")
            Record(set, "Warning", "FailedDaemonPod",
                $"Found failed daemon pod {Objects.Namespace(pod)}/{Objects.Name(pod)} on node {NodeEligibility.TargetNode(pod)}, will try to kill it");
        try
        {
            await context.Client.DeleteAsync(_podType, Objects.Namespace(pod), Objects.Name(pod), preconditionUid: Objects.Uid(pod),
                cancellationToken: cancellationToken);
            _expectations.ExpectDelete(Objects.Key(set), Objects.Name(pod), Objects.Uid(pod));
            Record(set, "Normal", "SuccessfulDelete", $"Deleted pod: {Objects.Name(pod)}");
        }
        catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
        {
            // Already gone.
        }
    }

    private void Record(JsonObject set, string type, string reason, string message) =>
        context.Events.Record(set, type, reason, message, Component);
}
