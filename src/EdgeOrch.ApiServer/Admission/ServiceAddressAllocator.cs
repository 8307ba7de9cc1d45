using System.Net;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Gives Services their cluster IP (from k3s's default service range 10.43.0.0/16) and node ports (30000-32767),
/// keeps them across updates (they are immutable), and frees them when the Service is deleted.
/// The set in use is loaded from the store on first use, so restarts never hand out an address twice.
/// </summary>
public sealed class ServiceAddressAllocator(ObjectStorage storage, ResourceRegistry registry) : IAdmissionPlugin
{
    public const string ServiceCidrBase = "10.43.0.0";
    private const uint RangeSize = 1 << 16;
    private const int NodePortMin = 30000;
    private const int NodePortMax = 32767;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly uint _base = ToUInt(IPAddress.Parse(ServiceCidrBase));
    private HashSet<uint>? _ips;
    private HashSet<int>? _nodePorts;
    private uint _nextIp = 10;
    private int _nextPort = NodePortMin;

    public bool Handles(ResourceType type) => type is { Group: "", Plural: "services" };

    public async ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Object["spec"] is not JsonObject spec)
            return;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            if (request.OldObject is not null)
                ServiceDefaults.PreserveAllocated(request.Object, request.OldObject);
            var oldSpec = request.OldObject?["spec"] as JsonObject;
            AssignClusterIp(spec, oldSpec);
            AssignNodePorts(spec, oldSpec);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Committed(AdmissionRequest request)
    {
        if (request.Operation != AdmissionOperation.Delete || _ips is null)
            return;
        lock (_ips)
        {
            if (ObjectMeta.GetString(request.Object["spec"] as JsonObject, "clusterIP") is { } ip && IPAddress.TryParse(ip, out var addr))
                _ips.Remove(ToUInt(addr));
            foreach (var port in NodePorts(request.Object["spec"] as JsonObject))
                _nodePorts!.Remove(port);
        }
    }

    private void AssignClusterIp(JsonObject spec, JsonObject? oldSpec)
    {
        var type = ObjectMeta.GetString(spec, "type") ?? "ClusterIP";
        if (type == "ExternalName")
            return;
        var requested = ObjectMeta.GetString(spec, "clusterIP");
        var previous = ObjectMeta.GetString(oldSpec, "clusterIP");
        if (string.IsNullOrEmpty(requested) && previous is not null)
            requested = previous;
        if (requested == "None")
        {
            spec["clusterIP"] = "None";
            spec["clusterIPs"] = new JsonArray("None");
            return;
        }
        if (string.IsNullOrEmpty(requested))
        {
            requested = AllocateIp();
        }
        else if (requested != previous)
        {
            if (!IPAddress.TryParse(requested, out var addr) || ToUInt(addr) - _base >= RangeSize)
                throw ApiException.BadRequest($"spec.clusterIP: Invalid value: \"{requested}\": provided IP is not in the valid range. The range of valid IPs is {ServiceCidrBase}/16");
            if (!_ips!.Add(ToUInt(addr)))
                throw ApiException.BadRequest($"spec.clusterIP: Invalid value: \"{requested}\": provided IP is already allocated");
        }
        spec["clusterIP"] = requested;
        spec["clusterIPs"] = new JsonArray(requested);
    }

    private void AssignNodePorts(JsonObject spec, JsonObject? oldSpec)
    {
        var type = ObjectMeta.GetString(spec, "type") ?? "ClusterIP";
        if (type is not ("NodePort" or "LoadBalancer") || spec["ports"] is not JsonArray ports)
            return;
        var previous = NodePorts(oldSpec).ToHashSet();
        foreach (var port in ports.OfType<JsonObject>())
        {
            if (port["nodePort"] is JsonValue v && v.TryGetValue<int>(out var requested) && requested != 0)
            {
                if (!previous.Contains(requested) && !_nodePorts!.Add(requested))
                    throw ApiException.BadRequest($"spec.ports.nodePort: Invalid value: {requested}: provided port is already allocated");
                continue;
            }
            port["nodePort"] = AllocatePort();
        }
    }

    private string AllocateIp()
    {
        for (uint i = 0; i < RangeSize; i++)
        {
            var candidate = _nextIp;
            _nextIp = _nextIp + 1 >= RangeSize - 1 ? 10 : _nextIp + 1;
            if (_ips!.Add(_base + candidate))
                return ToAddress(_base + candidate);
        }
        throw new ApiException(500, "InternalError", "the service IP range 10.43.0.0/16 is full");
    }

    private int AllocatePort()
    {
        for (var i = NodePortMin; i <= NodePortMax; i++)
        {
            var candidate = _nextPort;
            _nextPort = _nextPort >= NodePortMax ? NodePortMin : _nextPort + 1;
            if (_nodePorts!.Add(candidate))
                return candidate;
        }
        throw new ApiException(500, "InternalError", "the node port range 30000-32767 is full");
    }

    private async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        if (_ips is not null)
            return;
        // Dynamic allocation starts at .10: the addresses below stay free for fixed ones such as the "kubernetes" Service (.1).
        var ips = new HashSet<uint>();
        var ports = new HashSet<int>();
        var services = registry.Find("", "v1", "services")!;
        var list = await storage.Store.ListAsync(services.KeyPrefix, cancellationToken: cancellationToken);
        foreach (var entry in list.Items)
        {
            var spec = ObjectStorage.Decode(entry)["spec"] as JsonObject;
            if (ObjectMeta.GetString(spec, "clusterIP") is { } ip && IPAddress.TryParse(ip, out var addr))
                ips.Add(ToUInt(addr));
            ports.UnionWith(NodePorts(spec));
        }
        _nodePorts = ports;
        _ips = ips;
    }

    private static IEnumerable<int> NodePorts(JsonObject? spec) =>
        (spec?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => p["nodePort"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0)
            .Where(n => n != 0);

    private static uint ToUInt(IPAddress address)
    {
        var b = address.MapToIPv4().GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static string ToAddress(uint value) =>
        $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
