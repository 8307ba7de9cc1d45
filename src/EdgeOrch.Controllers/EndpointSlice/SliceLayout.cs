using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Endpoints;

namespace EdgeOrch.Controllers.EndpointSlice;

/// <summary>One EndpointSlice as it should be: its ports and its endpoints (ports as canonical JSON to match existing slices).</summary>
internal sealed record DesiredSlice(string PortsKey, JsonArray Ports, JsonArray Endpoints);

/// <summary>
/// Lays out a Service's endpoints in IPv4 EndpointSlices as Kubernetes' EndpointSlice controller does: pods grouped by
/// their resolved port set (a named target port may resolve differently per pod), at most <see cref="MaxEndpointsPerSlice"/>
/// endpoints a slice, terminating pods kept with their conditions (ready/serving/terminating). A Service that selects no
/// pod still gets one empty placeholder slice.
/// </summary>
internal static class SliceLayout
{
    public const int MaxEndpointsPerSlice = 100;

    public static List<DesiredSlice> Build(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var publishNotReady = ServiceSelection.PublishNotReady(service);
        var servicePorts = service.Obj("spec").Arr("ports").Objects().ToList();
        var groups = new SortedDictionary<string, (JsonArray Ports, List<(string Name, JsonObject Endpoint)> Endpoints)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (!PodEndpoint.Belongs(pod, includeTerminating: true) || PodEndpoint.Ipv4(pod) is not { } ip)
                continue;
            var ports = ResolvePorts(pod, servicePorts);
            if (ports is null)
                continue;
            var key = ports.ToJsonString();
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = (ports, []);
            group.Endpoints.Add((Json.Name(pod) ?? "", Endpoint(pod, ip, service, publishNotReady)));
        }

        var slices = new List<DesiredSlice>();
        foreach (var (key, (ports, endpoints)) in groups)
        {
            var ordered = endpoints.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Endpoint).ToList();
            for (var i = 0; i < ordered.Count; i += MaxEndpointsPerSlice)
                slices.Add(new DesiredSlice(key, (JsonArray)ports.DeepClone(),
                    new JsonArray([.. ordered.Skip(i).Take(MaxEndpointsPerSlice).Select(e => (JsonNode)e)])));
        }
        if (slices.Count == 0)
            slices.Add(new DesiredSlice(PortsKeyOf(null), [], []));
        return slices;
    }

    /// <summary>The canonical text of a slice's ports (as <see cref="Build"/> writes them), to match existing slices.</summary>
    public static string PortsKeyOf(JsonArray? ports)
    {
        var canonical = new JsonArray();
        foreach (var p in ports.Objects()
            .OrderBy(p => p.Str("name") ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Int("port")))
        {
            var port = new JsonObject { ["name"] = p.Str("name") ?? "", ["port"] = p.Int("port"), ["protocol"] = p.Str("protocol") ?? "TCP" };
            if (p.Str("appProtocol") is { Length: > 0 } appProtocol)
                port["appProtocol"] = appProtocol;
            canonical.Add((JsonNode)port);
        }
        return canonical.ToJsonString();
    }

    private static JsonObject Endpoint(JsonObject pod, string ip, JsonObject service, bool publishNotReady)
    {
        var serving = PodEndpoint.IsReady(pod);
        var terminating = PodEndpoint.IsTerminating(pod);
        var endpoint = new JsonObject
        {
            ["addresses"] = new JsonArray(ip),
            ["conditions"] = new JsonObject
            {
                // Never "ready" while terminating, unless the Service publishes not-ready addresses.
                ["ready"] = publishNotReady || (serving && !terminating),
                ["serving"] = serving,
                ["terminating"] = terminating,
            },
        };
        if (PodEndpoint.Hostname(pod, service) is { } hostname)
            endpoint["hostname"] = hostname;
        if (pod.Obj("spec").Str("nodeName") is { Length: > 0 } node)
            endpoint["nodeName"] = node;
        endpoint["targetRef"] = PodEndpoint.TargetRef(pod);
        return endpoint;
    }

    /// <summary>The slice ports for one pod; null when the Service has ports and none resolves on this pod.</summary>
    private static JsonArray? ResolvePorts(JsonObject pod, List<JsonObject> servicePorts)
    {
        var resolved = new List<JsonObject>();
        foreach (var servicePort in servicePorts)
        {
            if (PodEndpoint.TargetPort(pod, servicePort) is not { } number)
                continue;
            var port = new JsonObject
            {
                ["name"] = servicePort.Str("name") ?? "",
                ["port"] = number,
                ["protocol"] = servicePort.Str("protocol") ?? "TCP",
            };
            if (servicePort.Str("appProtocol") is { Length: > 0 } appProtocol)
                port["appProtocol"] = appProtocol;
            resolved.Add(port);
        }
        if (servicePorts.Count > 0 && resolved.Count == 0)
            return null;
        return new JsonArray([.. resolved
            .OrderBy(p => p.Str("name"), StringComparer.Ordinal)
            .ThenBy(p => p.Int("port"))
            .Select(p => (JsonNode)p)]);
    }
}
