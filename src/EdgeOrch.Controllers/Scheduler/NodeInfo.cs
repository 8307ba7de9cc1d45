using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// One node as the scheduler sees it: the Node object plus the pods bound to it (from the informer and assumed by this
/// scheduler), with their summed requests and claimed host ports kept up to date incrementally.
/// </summary>
internal sealed class NodeInfo
{
    private readonly Dictionary<string, JsonObject> _pods = new(StringComparer.Ordinal);

    public NodeInfo(JsonObject node)
    {
        SetNode(node);
    }

    public JsonObject Node { get; private set; } = null!;

    public string Name { get; private set; } = "";

    public JsonObject? Labels { get; private set; }

    public ResourceAmounts Allocatable { get; private set; }

    /// <summary>Whether the node reports ephemeral-storage at all; Kubernetes skips the check when it does not.</summary>
    public bool HasEphemeralStorage { get; private set; }

    /// <summary>Image names (as listed and normalized with ":latest") to size in bytes.</summary>
    public Dictionary<string, long> Images { get; } = new(StringComparer.Ordinal);

    public ResourceAmounts Requested { get; private set; }

    public ResourceAmounts NonZeroRequested { get; private set; }

    public List<HostPort> UsedPorts { get; } = [];

    public IReadOnlyCollection<JsonObject> Pods => _pods.Values;

    public void SetNode(JsonObject node)
    {
        Node = node;
        Name = JsonRead.Name(node);
        Labels = JsonRead.Labels(node);
        var allocatable = node.Obj("status").Obj("allocatable") ?? node.Obj("status").Obj("capacity");
        Allocatable = PodRequests.List(allocatable);
        HasEphemeralStorage = allocatable?["ephemeral-storage"] is not null;
        Images.Clear();
        foreach (var image in node.Obj("status").Arr("images").Objects())
        {
            var size = image.Long("sizeBytes") ?? 0;
            foreach (var name in image.Arr("names") ?? [])
                if (JsonRead.AsString(name) is { } n)
                    Images[ImageNames.Normalize(n)] = size;
        }
    }

    public bool Contains(string podKey) => _pods.ContainsKey(podKey);

    public void AddPod(string key, JsonObject pod)
    {
        if (_pods.ContainsKey(key))
            RemovePod(key);
        _pods[key] = pod;
        Requested += PodRequests.Of(pod);
        NonZeroRequested += PodRequests.NonZero(pod);
        UsedPorts.AddRange(HostPort.Of(pod));
    }

    public bool RemovePod(string key)
    {
        if (!_pods.Remove(key, out var pod))
            return false;
        Requested -= PodRequests.Of(pod);
        NonZeroRequested -= PodRequests.NonZero(pod);
        foreach (var port in HostPort.Of(pod))
            UsedPorts.Remove(port);
        return true;
    }

    /// <summary>A copy whose pod set can be changed freely (preemption tries removing victims on it).</summary>
    public NodeInfo Clone()
    {
        var copy = new NodeInfo(Node);
        foreach (var (key, pod) in _pods)
            copy.AddPod(key, pod);
        return copy;
    }
}
