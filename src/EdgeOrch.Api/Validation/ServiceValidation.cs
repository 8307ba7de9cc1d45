using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>core/v1 Service.</summary>
internal static class ServiceValidation
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] Affinities = ["ClientIP", "None"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] FamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

    public static void Validate(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        var type = spec.Str("type") ?? "ClusterIP";
        if (!Types.Contains(type))
            errs.Add(FieldError.NotSupported("spec.type", type, Types));

        var clusterIP = spec.Str("clusterIP") ?? "";
        var headless = clusterIP == "None";
        var ports = spec.Arr("ports");
        if (ports is null or { Count: 0 } && !headless && type != "ExternalName")
            errs.Add(FieldError.Required("spec.ports"));
        Ports(ports, type, errs);

        if (type == "ExternalName")
        {
            var externalName = spec.Str("externalName") ?? "";
            if (externalName.Length == 0)
                errs.Add(FieldError.Required("spec.externalName"));
            else
                foreach (var msg in NameValidation.IsDns1123Subdomain(externalName.TrimEnd('.')))
                    errs.Add(FieldError.Invalid("spec.externalName", externalName, msg));
            if (clusterIP.Length > 0)
                errs.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }
        else
        {
            ClusterIPs(spec, clusterIP, errs);
        }

        MetadataValidation.Labels(spec.Obj("selector"), "spec.selector", errs);

        if (spec.Str("sessionAffinity") is { } affinity)
        {
            if (!Affinities.Contains(affinity))
                errs.Add(FieldError.NotSupported("spec.sessionAffinity", affinity, Affinities));
            if (affinity == "ClientIP" && spec.Obj("sessionAffinityConfig")?.Obj("clientIP")?.Int("timeoutSeconds") is { } timeout && timeout is <= 0 or > 86400)
                errs.Add(FieldError.Invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
        }

        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (spec.Arr("externalIPs")?.Count ?? 0) > 0;
        if (spec.Str("externalTrafficPolicy") is { Length: > 0 } etp)
        {
            if (!externallyAccessible)
                errs.Add(FieldError.Invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
            else if (!TrafficPolicies.Contains(etp))
                errs.Add(FieldError.NotSupported("spec.externalTrafficPolicy", etp, TrafficPolicies));
        }
        if (spec.Str("internalTrafficPolicy") is { Length: > 0 } itp && !TrafficPolicies.Contains(itp))
            errs.Add(FieldError.NotSupported("spec.internalTrafficPolicy", itp, TrafficPolicies));
        if (spec.Str("ipFamilyPolicy") is { Length: > 0 } ifp && !FamilyPolicies.Contains(ifp))
            errs.Add(FieldError.NotSupported("spec.ipFamilyPolicy", ifp, FamilyPolicies));
        if (type != "LoadBalancer" && spec["allocateLoadBalancerNodePorts"] is not null)
            errs.Add(FieldError.Forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
    }

    private static void Ports(JsonArray? ports, string type, List<FieldError> errs)
    {
        var names = new HashSet<string>();
        var portKeys = new HashSet<(long, string)>();
        var count = ports?.Count ?? 0;
        foreach (var (i, p) in ports.Indexed())
        {
            var pp = $"spec.ports[{i}]";
            var name = p.Str("name") ?? "";
            if (name.Length == 0)
            {
                if (count > 1)
                    errs.Add(FieldError.Required(pp + ".name"));
            }
            else
            {
                foreach (var msg in NameValidation.IsDns1123Label(name))
                    errs.Add(FieldError.Invalid(pp + ".name", name, msg));
                if (!names.Add(name))
                    errs.Add(FieldError.Duplicate(pp + ".name", name));
            }
            var port = p.Int("port") ?? 0;
            foreach (var msg in NameValidation.IsValidPortNumber(port))
                errs.Add(FieldError.Invalid(pp + ".port", port, msg));
            var protocol = p.Str("protocol") ?? "";
            if (protocol.Length == 0)
                errs.Add(FieldError.Required(pp + ".protocol"));
            else if (!Protocols.Contains(protocol))
                errs.Add(FieldError.NotSupported(pp + ".protocol", protocol, Protocols));
            if (!portKeys.Add((port, protocol)))
                errs.Add(FieldError.InvalidRaw(pp, p.ToJsonString(), "duplicate port and protocol"));
            if (p["targetPort"] is not null)
                ContainerValidation.PortRef(p["targetPort"], pp + ".targetPort", errs);
            if (p.Int("nodePort") is { } nodePort and not 0)
            {
                if (type is "ClusterIP" or "ExternalName")
                    errs.Add(FieldError.Forbidden(pp + ".nodePort", $"may not be used when `type` is '{type}'"));
                else
                    foreach (var msg in NameValidation.IsValidPortNumber(nodePort))
                        errs.Add(FieldError.Invalid(pp + ".nodePort", nodePort, msg));
            }
        }
    }

    private static void ClusterIPs(JsonObject spec, string clusterIP, List<FieldError> errs)
    {
        var ips = spec.Arr("clusterIPs");
        if (ips is { Count: > 0 } && clusterIP.Length > 0 && JsonFields.AsString(ips[0]) != clusterIP)
            errs.Add(FieldError.InvalidRaw("spec.clusterIPs", GoValues.StringSlice(ips), "must match clusterIP when provided"));
        if (clusterIP.Length > 0 && clusterIP != "None" && !IsIP(clusterIP))
            errs.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIP, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }

    /// <summary>
    /// Go's strict parsing: IPv4 must be four decimal parts without leading zeros ("10.43.0" or "010.0.0.1" are
    /// not addresses, though .NET's lenient parser accepts them).
    /// </summary>
    internal static bool IsIP(string s)
    {
        if (s.Contains(':'))
            return !s.Contains('%') && IPAddress.TryParse(s, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        var parts = s.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    public static void Update(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = newObj.Obj("spec");
        var oldSpec = oldObj.Obj("spec");
        // Moving to or from ExternalName releases or allocates IPs; otherwise the primary cluster IP is fixed.
        if (newSpec.Str("type") == "ExternalName" || oldSpec.Str("type") == "ExternalName")
            return;
        var oldIp = oldSpec.Arr("clusterIPs") is { Count: > 0 } oldIps ? JsonFields.AsString(oldIps[0]) : oldSpec.Str("clusterIP");
        var newIps = newSpec.Arr("clusterIPs");
        var newIp = newIps is { Count: > 0 } ? JsonFields.AsString(newIps[0]) : newSpec.Str("clusterIP");
        if (!string.IsNullOrEmpty(oldIp) && newIp != oldIp)
            errs.Add(FieldError.InvalidRaw("spec.clusterIPs[0]", GoValues.StringSlice(newIps ?? new JsonArray((JsonNode)(newIp ?? ""))), "may not change once set"));
    }
}
