using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// The scheduler's picture of the cluster, updated incrementally from informer events so that a scheduling cycle costs
/// O(nodes), not O(pods). Pods this scheduler has bound but the informer has not shown bound yet are "assumed": counted
/// on their node so that the next pod does not take the same room. Not thread-safe: callers hold <see cref="Lock"/>.
/// </summary>
internal sealed class SchedulerCache(TimeProvider time)
{
    /// <summary>How long an assumed pod is trusted without the informer confirming its binding (Kubernetes: 15 minutes
    /// after binding, far too long for a device; a binding that succeeded shows up within a second).</summary>
    public static readonly TimeSpan AssumedTtl = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _nodeList = [];
    private readonly Dictionary<string, string> _podNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _podsWithAffinity = new(StringComparer.Ordinal);

    /// <summary>Bound pods whose node the cache has not seen (yet, or any more).</summary>
    private readonly Dictionary<string, JsonObject> _orphans = new(StringComparer.Ordinal);

    public Lock Lock { get; } = new();

    public IReadOnlyList<NodeInfo> Nodes => _nodeList;

    /// <summary>Bound (or assumed) pods that carry pod affinity or anti-affinity terms: the only ones that can constrain others.</summary>
    public IReadOnlyCollection<JsonObject> PodsWithAffinity => _podsWithAffinity.Values;

    public NodeInfo? Node(string name) => _nodes.GetValueOrDefault(name);

    public IEnumerable<(string Key, JsonObject Pod, NodeInfo Node)> AllPods() =>
        _nodeList.SelectMany(n => n.Pods.Select(p => (JsonRead.Key(p), p, n)));

    public void SetNode(JsonObject node)
    {
        var name = JsonRead.Name(node);
        if (_nodes.TryGetValue(name, out var info))
        {
            info.SetNode(node);
            return;
        }
        info = new NodeInfo(node);
        _nodes[name] = info;
        _nodeList.Add(info);
        // Pods that were bound to the node before the node was seen.
        foreach (var (key, pod) in _orphans.Where(o => _podNode.GetValueOrDefault(o.Key) == name).ToList())
        {
            _orphans.Remove(key);
            info.AddPod(key, pod);
        }
    }

    public void RemoveNode(string name)
    {
        if (_nodes.Remove(name, out var info))
        {
            _nodeList.Remove(info);
            foreach (var pod in info.Pods)
                _orphans[JsonRead.Key(pod)] = pod;
        }
    }

    /// <summary>A pod as the informer shows it: counted on its node when bound and not finished, forgotten otherwise.</summary>
    public void SetPod(JsonObject pod)
    {
        var key = JsonRead.Key(pod);
        var nodeName = pod.Obj("spec").Str("nodeName");
        var phase = pod.Obj("status").Str("phase");
        if (string.IsNullOrEmpty(nodeName) || phase is "Succeeded" or "Failed")
        {
            // Not bound yet: an assumed copy stays until the informer confirms the binding or the TTL runs out.
            if (!_assumed.ContainsKey(key) || phase is "Succeeded" or "Failed")
                RemovePod(key);
            return;
        }
        _assumed.Remove(key);
        Place(key, nodeName, pod);
    }

    public void RemovePod(string key)
    {
        _assumed.Remove(key);
        _podsWithAffinity.Remove(key);
        _orphans.Remove(key);
        if (_podNode.Remove(key, out var nodeName) && _nodes.TryGetValue(nodeName, out var info))
            info.RemovePod(key);
    }

    /// <summary>Counts a pod on the node this scheduler is binding it to, before the informer shows it bound.</summary>
    public void Assume(JsonObject pod, string nodeName)
    {
        var bound = (JsonObject)pod.DeepClone();
        bound.Obj("spec")!["nodeName"] = nodeName;
        var key = JsonRead.Key(bound);
        Place(key, nodeName, bound);
        _assumed[key] = time.GetUtcNow() + AssumedTtl;
    }

    /// <summary>Drops the assumed copy after a failed bind; a binding the informer already confirmed stays.</summary>
    public void ForgetAssumed(string key)
    {
        if (_assumed.ContainsKey(key))
            RemovePod(key);
    }

    public bool IsAssumed(string key) => _assumed.ContainsKey(key);

    /// <summary>Drops assumed pods whose binding never showed up (the bind failed, or the pod went away unseen).</summary>
    public void ExpireAssumed()
    {
        if (_assumed.Count == 0) return;
        var now = time.GetUtcNow();
        foreach (var (key, deadline) in _assumed.ToList())
            if (deadline <= now)
                RemovePod(key);
    }

    /// <summary>How many nodes list the image: image locality scales a node's score by this spread.</summary>
    public int NodesWithImage(string normalizedImage)
    {
        var count = 0;
        foreach (var n in _nodeList)
            if (n.Images.ContainsKey(normalizedImage))
                count++;
        return count;
    }

    private void Place(string key, string nodeName, JsonObject pod)
    {
        if (_podNode.TryGetValue(key, out var previous) && previous != nodeName && _nodes.TryGetValue(previous, out var old))
            old.RemovePod(key);
        _podNode[key] = nodeName;
        if (_nodes.TryGetValue(nodeName, out var info))
            info.AddPod(key, pod);
        else
            _orphans[key] = pod;
        if (PodAffinityTerms.HasAny(pod))
            _podsWithAffinity[key] = pod;
        else
            _podsWithAffinity.Remove(key);
    }
}
