using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>
/// Kubernetes' node lifecycle and taint-eviction controllers in one, keyed by node name. Heartbeats are read from the
/// Lease informer (kube-node-lease), so renewals cost no API call here. A node silent for the grace period gets Ready=Unknown
/// and the unreachable taints (not-ready when it reports Ready=False); pods are evicted per their NoExecute tolerations,
/// one more node per interval, never when every node is silent (the control plane is the one cut off), never on the
/// control-plane node by default, and never while the node's lease is fresh: a node that comes back before its pods'
/// tolerations run out keeps them, and its taints are removed once it reports Ready.
/// </summary>
public sealed class NodeLifecycleController : IController
{
    public const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";
    private const string Component = "node-controller";
    private const string EvictionComponent = "taint-eviction-controller";

    private readonly ControllerContext _context;
    private readonly NodeLifecycleOptions _options;
    private readonly EvictionRateLimiter _limiter;
    private readonly ResourceType _nodeType;
    private readonly ResourceType _podType;
    private readonly ResourceType _leaseType;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evicting = new(StringComparer.Ordinal);
    private Informer? _nodes;
    private Informer? _leases;
    private Informer? _pods;

    public NodeLifecycleController(ControllerContext context, NodeLifecycleOptions? options = null)
    {
        _context = context;
        _options = options ?? new NodeLifecycleOptions();
        _limiter = new EvictionRateLimiter(context.Time, _options.NodeEvictionInterval);
        _nodeType = context.Type("", "v1", "nodes");
        _podType = context.Type("", "v1", "pods");
        _leaseType = context.Type("coordination.k8s.io", "v1", "leases");
    }

    public string Name => "nodelifecycle";

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _nodes = context.Informers.For(_nodeType);
        _leases = context.Informers.For(_leaseType);
        _pods = context.Informers.For(_podType);
        _nodes.Changed += e => queue.Add(JsonRead.Name(e.New));
        _leases.Changed += e =>
        {
            if (JsonRead.Namespace(e.New) == NodeHealth.LeaseNamespace)
                queue.Add(JsonRead.Name(e.New));
        };
        // A pod bound to (or changing tolerations on) a node with NoExecute taints is judged again.
        _pods.Changed += e =>
        {
            if (e.Type != InformerEventType.Deleted && e.New.Obj("spec").Str("nodeName") is { Length: > 0 } node &&
                _nodes.Get(null, node) is { } n && Scheduler.Taints.Of(n).Any(t => t.Str("effect") == "NoExecute"))
                queue.Add(node);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var node = _nodes?.Get(null, key);
        if (node is null)
        {
            lock (_lock)
            {
                _firstSeen.Remove(key);
                _evicting.Remove(key);
            }
            return ReconcileResult.Done;
        }

        var now = _context.Time.GetUtcNow();
        var stale = IsStale(node, now, out var lastHeartbeat);
        if (stale && NodeHealth.UnknownConditionsPatch(node, now) is { } statusPatch)
        {
            var wasReady = NodeHealth.ReadyStatus(node) == "True";
            node = await _context.Client.PatchAsync(_nodeType, null, key, PatchType.Merge, statusPatch, "status", cancellationToken);
            if (wasReady)
                _context.Events.Record(node, "Normal", "NodeNotReady", $"Node {key} status is now: NodeNotReady", Component);
        }

        var ready = NodeHealth.ReadyStatus(node);
        // A node that has not reported yet is given the grace period before it is called unreachable.
        var taintKey = ready is null && !stale ? null : NodeTaints.KeyFor(ready);
        var fullDisruption = taintKey is not null && EveryNodeIsSilent(now);
        if (NodeTaints.Reconcile(node, taintKey, withNoExecute: !fullDisruption, now) is { } taints)
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = node.Obj("metadata").Str("resourceVersion") },
                ["spec"] = new JsonObject { ["taints"] = taints },
            };
            node = await _context.Client.PatchAsync(_nodeType, null, key, PatchType.Merge, patch, null, cancellationToken);
        }

        // Unreachable but heartbeating again: the kubelet is about to report Ready, so nothing is evicted meanwhile. A node
        // that itself reports Ready=False is alive but broken, and is evicted from as in Kubernetes.
        var backSoon = !stale && ready != "False";
        var recheck = lastHeartbeat + _options.GracePeriod - now + TimeSpan.FromSeconds(1);
        if (taintKey is null || backSoon || fullDisruption || IsProtected(node))
        {
            if (taintKey is null || backSoon)
                lock (_lock)
                    _evicting.Remove(key);
            return ReconcileResult.After(recheck > TimeSpan.Zero ? recheck : _options.GracePeriod);
        }
        return await EvictAsync(key, node, now, cancellationToken);
    }

    private async Task<ReconcileResult> EvictAsync(string nodeName, JsonObject node, DateTimeOffset now, CancellationToken ct)
    {
        var noExecute = Scheduler.Taints.Of(node).Where(t => t.Str("effect") == "NoExecute").ToList();
        var due = new List<JsonObject>();
        DateTimeOffset? next = null;
        foreach (var pod in _pods!.List())
        {
            if (pod.Obj("spec").Str("nodeName") != nodeName || JsonRead.IsDeleting(pod) ||
                pod.Obj("status").Str("phase") is "Succeeded" or "Failed")
                continue;
            if (EvictionPlanner.EvictionTime(pod, noExecute, now) is not { } at)
                continue;
            if (at <= now)
                due.Add(pod);
            else if (next is null || at < next)
                next = at;
        }

        if (due.Count > 0)
        {
            bool admitted;
            lock (_lock)
                admitted = _evicting.Contains(nodeName);
            if (!admitted)
            {
                if (!_limiter.TryAcquire(out var wait))
                    return ReconcileResult.After(wait);
                lock (_lock)
                    _evicting.Add(nodeName);
            }
            foreach (var pod in due)
            {
                _context.Events.Record(pod, "Normal", "TaintManagerEviction",
                    $"Marking for deletion Pod {JsonRead.Namespace(pod)}/{JsonRead.Name(pod)}", EvictionComponent);
                try
                {
                    await _context.Client.DeleteAsync(_podType, JsonRead.Namespace(pod), JsonRead.Name(pod),
                        preconditionUid: JsonRead.Uid(pod), cancellationToken: ct);
                }
                catch (ApiClientException e) when (e.Code is 404 or 409)
                {
                    // Gone already, or a new pod of the same name: nothing to evict.
                }
            }
        }
        var delay = next is { } n ? n - now : _options.GracePeriod;
        return ReconcileResult.After(delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1));
    }

    private bool IsProtected(JsonObject node) =>
        !_options.EvictControlPlaneNodes && JsonRead.Labels(node)?.ContainsKey(ControlPlaneLabel) == true;

    private bool IsStale(JsonObject node, DateTimeOffset now, out DateTimeOffset lastHeartbeat)
    {
        var name = JsonRead.Name(node);
        DateTimeOffset first;
        lock (_lock)
        {
            if (!_firstSeen.TryGetValue(name, out first))
                _firstSeen[name] = first = now;
        }
        lastHeartbeat = NodeHealth.LastHeartbeat(node, _leases?.Get(NodeHealth.LeaseNamespace, name)) ?? first;
        // A controller that just started must not call every node dead because of an old heartbeat: it grants the grace
        // period from the moment it first saw the node (Kubernetes does the same with its probe timestamps).
        if (lastHeartbeat < first)
            lastHeartbeat = first;
        return now - lastHeartbeat > _options.GracePeriod;
    }

    /// <summary>Kubernetes' full disruption: when no node at all is heard from, the fault is more likely on this side, so
    /// nothing is evicted (only NoSchedule taints are kept).</summary>
    private bool EveryNodeIsSilent(DateTimeOffset now)
    {
        foreach (var n in _nodes!.List())
            if (!IsStale(n, now, out _))
                return false;
        return true;
    }
}
