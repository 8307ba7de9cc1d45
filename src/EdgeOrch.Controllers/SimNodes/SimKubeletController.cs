using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.SimNodes;

/// <summary>
/// The pod half of a simulated kubelet, for every simulated node at once: a pod bound to one of them is reported Running
/// and Ready (no containers run) with a pod IP from its node's range; a pod being deleted is finished off (grace 0), as a
/// kubelet does once its containers stopped.
/// </summary>
public sealed class SimKubeletController : IController
{
    private readonly ControllerContext _context;
    private readonly IReadOnlyDictionary<string, int> _nodeIndex;
    private readonly ResourceType _podType;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _podIps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextOrdinal = new(StringComparer.Ordinal);
    private Informer? _pods;

    public SimKubeletController(ControllerContext context, SimNodeOptions options)
    {
        _context = context;
        _nodeIndex = Enumerable.Range(0, options.Count).ToDictionary(options.NodeName, i => i, StringComparer.Ordinal);
        _podType = context.Type("", "v1", "pods");
    }

    public string Name => "sim-kubelet";

    /// <summary>One process stands in for every simulated node's kubelet; with 4 workers its status patches (not the
    /// control plane) set the pace of 1,000 pods turning Ready. 100 real kubelets would report in parallel.</summary>
    public int Workers => 16;

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _pods = context.Informers.For(_podType);
        _pods.Changed += e =>
        {
            if (e.Type == InformerEventType.Deleted)
            {
                lock (_lock)
                    _podIps.Remove(JsonRead.Key(e.New));
                return;
            }
            if (IsOurs(e.New))
                queue.Add(JsonRead.Key(e.New));
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = JsonRead.SplitKey(key);
        var pod = _pods?.Get(ns, name);
        if (pod is null || !IsOurs(pod))
            return ReconcileResult.Done;
        if (JsonRead.IsDeleting(pod))
        {
            // Nothing runs, so nothing to stop: the deletion completes at once.
            await _context.Client.DeleteAsync(_podType, ns, name, gracePeriodSeconds: 0, preconditionUid: JsonRead.Uid(pod),
                cancellationToken: cancellationToken);
            return ReconcileResult.Done;
        }
        if (pod.Obj("status").Str("phase") is "Succeeded" or "Failed" || SimNodeObjects.IsReportedRunning(pod))
            return ReconcileResult.Done;

        var node = pod.Obj("spec").Str("nodeName")!;
        var index = _nodeIndex[node];
        var hostIp = SimNodeObjects.NodeIp(index);
        var podIp = pod.Obj("spec").Bool("hostNetwork") ? hostIp : PodIp(key, node, index);
        var status = SimNodeObjects.RunningStatus(pod, hostIp, podIp, _context.Time.GetUtcNow());
        try
        {
            await _context.Client.PatchAsync(_podType, ns, name, PatchType.Merge, new JsonObject { ["status"] = status }, "status", cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            // Deleted meanwhile.
        }
        return ReconcileResult.Done;
    }

    private bool IsOurs(JsonObject pod) => pod.Obj("spec").Str("nodeName") is { } node && _nodeIndex.ContainsKey(node);

    private string PodIp(string key, string node, int index)
    {
        lock (_lock)
        {
            if (_podIps.TryGetValue(key, out var ip))
                return ip;
            var ordinal = _nextOrdinal.GetValueOrDefault(node);
            _nextOrdinal[node] = ordinal + 1;
            return _podIps[key] = SimNodeObjects.PodIp(index, ordinal);
        }
    }
}
