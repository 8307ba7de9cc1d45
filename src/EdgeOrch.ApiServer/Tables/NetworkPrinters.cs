using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy printers.</summary>
internal static class NetworkPrinters
{
    public static readonly Printer Service = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Type", "How the service is exposed."),
            TableColumn.Str("Cluster-IP", "The service's cluster IP."),
            TableColumn.Str("External-IP", "External addresses of the service."),
            TableColumn.Str("Port(s)", "Service ports, with node ports where allocated."),
            TableColumn.Age,
            TableColumn.Str("Selector", "Label selector of the service's pods.", 1),
        ],
        (svc, now) =>
        {
            var clusterIp = Fields.Strings(svc, "spec", "clusterIPs").FirstOrDefault() ?? Fields.Str(svc, "spec", "clusterIP");
            var ports = PortString(svc);
            return
            [
                Meta.Name(svc),
                ServiceType(svc),
                string.IsNullOrEmpty(clusterIp) ? "<none>" : clusterIp,
                ExternalIp(svc),
                ports.Length == 0 ? "<none>" : ports,
                Meta.Age(svc, now),
                LabelText.FormatMap(Fields.Obj(svc, "spec", "selector")),
            ];
        });

    public static readonly Printer Endpoints = new(
        [TableColumn.Name0, TableColumn.Str("Endpoints", "Addresses and ports of the endpoints."), TableColumn.Age],
        (ep, now) => [Meta.Name(ep), EndpointsText(ep), Meta.Age(ep, now)]);

    public static readonly Printer EndpointSlice = new(
        [
            TableColumn.Name0,
            TableColumn.Str("AddressType", "IPv4, IPv6 or FQDN."),
            TableColumn.Str("Ports", "Ports of the slice."),
            TableColumn.Str("Endpoints", "Addresses of the slice's endpoints."),
            TableColumn.Age,
        ],
        (slice, now) =>
        [
            Meta.Name(slice),
            Fields.Text(slice, "addressType"),
            SlicePorts(slice),
            SliceEndpoints(slice),
            Meta.Age(slice, now),
        ]);

    public static readonly Printer Ingress = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Class", "The IngressClass of this ingress."),
            TableColumn.Str("Hosts", "Hosts the rules match."),
            TableColumn.Str("Address", "Addresses of the load balancer."),
            TableColumn.Str("Ports", "Ports the ingress opens."),
            TableColumn.Age,
        ],
        (ing, now) =>
        [
            Meta.Name(ing),
            Fields.Str(ing, "spec", "ingressClassName") ?? "<none>",
            IngressHosts(ing),
            LoadBalancerText(Fields.Get(ing, "status", "loadBalancer")),
            Fields.Count(ing, "spec", "tls") > 0 ? "80, 443" : "80",
            Meta.Age(ing, now),
        ]);

    public static readonly Printer IngressClass = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Controller", "Controller that implements this class."),
            TableColumn.Str("Parameters", "Resource holding the class's parameters."),
            TableColumn.Age,
        ],
        (ic, now) =>
        [
            Meta.Name(ic),
            Fields.Text(ic, "spec", "controller"),
            IngressClassParameters(ic),
            Meta.Age(ic, now),
        ]);

    public static readonly Printer NetworkPolicy = new(
        [TableColumn.Name0, TableColumn.Str("Pod-Selector", "Pods the policy applies to."), TableColumn.Age],
        (np, now) => [Meta.Name(np), LabelText.FormatSelector(Fields.Obj(np, "spec", "podSelector")), Meta.Age(np, now)]);

    private static string ServiceType(JsonObject svc) => Fields.Str(svc, "spec", "type") ?? "ClusterIP";

    private static string ExternalIp(JsonObject svc)
    {
        var externalIps = Fields.Strings(svc, "spec", "externalIPs");
        switch (ServiceType(svc))
        {
            case "ClusterIP":
            case "NodePort":
                return externalIps.Count > 0 ? string.Join(',', externalIps) : "<none>";
            case "LoadBalancer":
                var lb = LoadBalancerText(Fields.Get(svc, "status", "loadBalancer"));
                if (externalIps.Count > 0)
                {
                    var all = lb.Length > 0 ? lb.Split(',').ToList() : [];
                    all.AddRange(externalIps);
                    return string.Join(',', all);
                }
                // No address yet: the cloud (or our service load balancer) has not assigned one.
                return lb.Length > 0 ? lb : "<pending>";
            case "ExternalName":
                return Fields.Text(svc, "spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    /// <summary>Distinct IPs (or hostnames) of status.loadBalancer.ingress, sorted. The server prints the wide, unclipped form.</summary>
    private static string LoadBalancerText(JsonNode? loadBalancer)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in Fields.Objects(loadBalancer, "ingress"))
        {
            var ip = Fields.Text(ingress, "ip");
            var host = Fields.Text(ingress, "hostname");
            if (ip.Length > 0)
            {
                addresses.Add(ip);
            }
            else if (host.Length > 0)
            {
                addresses.Add(host);
            }
        }
        return string.Join(',', addresses);
    }

    private static string PortString(JsonObject svc)
    {
        var pieces = new List<string>();
        foreach (var port in Fields.Objects(svc, "spec", "ports"))
        {
            var number = Fields.Long(port, "port") ?? 0;
            var protocol = Fields.Str(port, "protocol") ?? "TCP";
            var nodePort = Fields.Long(port, "nodePort") ?? 0;
            pieces.Add(nodePort > 0 ? $"{number}:{nodePort}/{protocol}" : $"{number}/{protocol}");
        }
        return string.Join(',', pieces);
    }

    /// <summary>Up to three "ip:port" entries over all subsets, then "+ N more...".</summary>
    private static string EndpointsText(JsonObject ep)
    {
        const int max = 3;
        var subsets = Fields.Objects(ep, "subsets").ToList();
        if (subsets.Count == 0)
        {
            return "<none>";
        }
        var list = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = Fields.Objects(subset, "addresses").Select(a => Fields.Text(a, "ip")).ToList();
            var ports = Fields.Objects(subset, "ports").ToList();
            if (ports.Count == 0)
            {
                // Headless services may have no ports: print bare addresses.
                count += addresses.Count;
                list.AddRange(addresses.Take(max - list.Count));
                continue;
            }
            foreach (var port in ports)
            {
                count += addresses.Count;
                var number = Fields.Long(port, "port") ?? 0;
                list.AddRange(addresses.Take(max - list.Count).Select(ip => HostPort(ip, number)));
            }
        }
        return Meta.ListWithMore(list, count, max);
    }

    private static string HostPort(string host, long port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string SlicePorts(JsonObject slice)
    {
        var ports = Fields.Objects(slice, "ports")
            .Select(p => Fields.Long(p, "port")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Fields.Str(p, "name") ?? "*")
            .ToList();
        return Unset(Meta.ListWithMore(ports.Take(3).ToList(), ports.Count, 3));
    }

    private static string SliceEndpoints(JsonObject slice)
    {
        var addresses = Fields.Objects(slice, "endpoints").SelectMany(e => Fields.Strings(e, "addresses")).ToList();
        return Unset(Meta.ListWithMore(addresses.Take(3).ToList(), addresses.Count, 3));
    }

    private static string Unset(string text) => text.Length == 0 ? "<unset>" : text;

    private static string IngressHosts(JsonObject ing)
    {
        const int max = 3;
        var rules = Fields.Objects(ing, "spec", "rules").ToList();
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == max)
            {
                more = true;
            }
            var host = Fields.Text(rule, "host");
            if (!more && host.Length > 0)
            {
                hosts.Add(host);
            }
        }
        if (hosts.Count == 0)
        {
            return "*";
        }
        var text = string.Join(',', hosts);
        return more ? $"{text} + {rules.Count - max} more..." : text;
    }

    private static string IngressClassParameters(JsonObject ic)
    {
        if (Fields.Obj(ic, "spec", "parameters") is not { } parameters)
        {
            return "<none>";
        }
        var text = Fields.Text(parameters, "kind");
        if (Fields.Str(parameters, "apiGroup") is { } group)
        {
            text += "." + group;
        }
        return text + "/" + Fields.Text(parameters, "name");
    }
}
