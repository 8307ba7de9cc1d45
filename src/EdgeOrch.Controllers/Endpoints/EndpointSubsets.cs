using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>
/// Builds core/v1 Endpoints subsets for a Service from its selected pods, as Kubernetes' endpoints controller does: one
/// subset per distinct set of resolved ports, ready pods in addresses and the others in notReadyAddresses (all ready with
/// publishNotReadyAddresses), terminating pods left out unless publishNotReadyAddresses; deterministic order, so an
/// unchanged world gives identical JSON and no write.
/// </summary>
internal static class EndpointSubsets
{
    public static JsonArray Build(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var publishNotReady = ServiceSelection.PublishNotReady(service);
        var servicePorts = service.Obj("spec").Arr("ports").Objects().ToList();
        var groups = new SortedDictionary<string, (JsonArray Ports, List<(string Ip, string Name, JsonObject Address, bool Ready)> Addresses)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (!PodEndpoint.Belongs(pod, includeTerminating: publishNotReady))
                continue;
            var ports = ResolvePorts(pod, servicePorts);
            if (ports is null)
                continue;
            var portsKey = ports.ToJsonString();
            if (!groups.TryGetValue(portsKey, out var group))
                groups[portsKey] = group = (ports, []);
            var ready = publishNotReady || PodEndpoint.IsReady(pod);
            group.Addresses.Add((PodEndpoint.Ip(pod)!, Json.Name(pod) ?? "", Address(pod, service), ready));
        }

        var subsets = new JsonArray();
        foreach (var (_, (ports, addresses)) in groups)
        {
            var subset = new JsonObject();
            var ordered = addresses.OrderBy(a => a.Ip, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
            if (ordered.Any(a => a.Ready))
                subset["addresses"] = new JsonArray([.. ordered.Where(a => a.Ready).Select(a => (JsonNode)a.Address)]);
            if (ordered.Any(a => !a.Ready))
                subset["notReadyAddresses"] = new JsonArray([.. ordered.Where(a => !a.Ready).Select(a => (JsonNode)a.Address)]);
            if (ports.Count > 0)
                subset["ports"] = ports;
            subsets.Add((JsonNode)subset);
        }
        return subsets;
    }

    /// <summary>The Endpoints ports for one pod (sorted); null when the Service has ports and none resolves on this pod.
    /// A headless Service without ports still lists its pods' addresses.</summary>
    private static JsonArray? ResolvePorts(JsonObject pod, List<JsonObject> servicePorts)
    {
        var resolved = new List<JsonObject>();
        foreach (var servicePort in servicePorts)
        {
            if (PodEndpoint.TargetPort(pod, servicePort) is not { } number)
                continue;
            var port = new JsonObject();
            if (servicePort.Str("name") is { Length: > 0 } name)
                port["name"] = name;
            port["port"] = number;
            port["protocol"] = servicePort.Str("protocol") ?? "TCP";
            if (servicePort.Str("appProtocol") is { Length: > 0 } appProtocol)
                port["appProtocol"] = appProtocol;
            resolved.Add(port);
        }
        if (servicePorts.Count > 0 && resolved.Count == 0)
            return null;
        return new JsonArray([.. resolved
            .OrderBy(p => p.Str("name") ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Int("port"))
            .ThenBy(p => p.Str("protocol"), StringComparer.Ordinal)
            .Select(p => (JsonNode)p)]);
    }

    private static JsonObject Address(JsonObject pod, JsonObject service)
    {
        var address = new JsonObject { ["ip"] = PodEndpoint.Ip(pod) };
        if (PodEndpoint.Hostname(pod, service) is { } hostname)
            address["hostname"] = hostname;
        if (pod.Obj("spec").Str("nodeName") is { Length: > 0 } node)
            address["nodeName"] = node;
        address["targetRef"] = PodEndpoint.TargetRef(pod);
        return address;
    }
}
