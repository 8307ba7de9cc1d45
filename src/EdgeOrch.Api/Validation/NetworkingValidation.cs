using System.Net;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.</summary>
internal static class NetworkingValidation
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PolicyTypes = ["Egress", "Ingress"];

    public static void Ingress(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        var rules = spec.Arr("rules");
        if (rules is null or { Count: 0 } && spec["defaultBackend"] is null)
            errs.Add(FieldError.InvalidRaw("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
        if (spec.Obj("defaultBackend") is { } defaultBackend)
            Backend(defaultBackend, "spec.defaultBackend", errs);
        if (spec.Str("ingressClassName") is { Length: > 0 } className)
            foreach (var msg in NameValidation.IsDns1123Subdomain(className))
                errs.Add(FieldError.Invalid("spec.ingressClassName", className, msg));

        foreach (var (i, rule) in rules.Indexed())
        {
            var rp = $"spec.rules[{i}]";
            if (rule.Str("host") is { Length: > 0 } host)
                Host(host, rp + ".host", errs);
            if (rule.Obj("http") is not { } http)
                continue;
            var paths = http.Arr("paths");
            if (paths is null or { Count: 0 })
                errs.Add(FieldError.Required(rp + ".http.paths"));
            foreach (var (j, p) in paths.Indexed())
                Path(p, $"{rp}.http.paths[{j}]", errs);
        }
        foreach (var (i, tls) in spec.Arr("tls").Indexed())
            foreach (var (j, host) in (tls.Arr("hosts") ?? []).Select((h, j) => (j, JsonFields.AsString(h) ?? "")))
                Host(host, $"spec.tls[{i}].hosts[{j}]", errs);
    }

    private static void Host(string host, string path, List<FieldError> errs)
    {
        if (ServiceValidation.IsIP(host))
        {
            errs.Add(FieldError.Invalid(path, host, "must be a DNS name, not an IP address"));
            return;
        }
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        foreach (var msg in NameValidation.IsDns1123Subdomain(name))
            errs.Add(FieldError.Invalid(path, host, msg));
    }

    private static void Path(JsonObject p, string pp, List<FieldError> errs)
    {
        var pathType = p.Str("pathType") ?? "";
        var path = p.Str("path") ?? "";
        if (pathType.Length == 0)
            errs.Add(FieldError.Required(pp + ".pathType", "pathType must be specified"));
        else if (!PathTypes.Contains(pathType))
            errs.Add(FieldError.NotSupported(pp + ".pathType", pathType, PathTypes));
        if ((pathType is "Exact" or "Prefix" || path.Length > 0) && !path.StartsWith('/'))
            errs.Add(FieldError.Invalid(pp + ".path", path, "must be an absolute path"));
        if (p.Obj("backend") is { } backend)
            Backend(backend, pp + ".backend", errs);
        else
            errs.Add(FieldError.Required(pp + ".backend"));
    }

    private static void Backend(JsonObject backend, string path, List<FieldError> errs)
    {
        var service = backend.Obj("service");
        var resource = backend.Obj("resource");
        if (service is not null && resource is not null)
        {
            errs.Add(FieldError.Invalid(path, "", "cannot set both resource and service backends"));
            return;
        }
        if (service is null)
        {
            if (resource is null)
                errs.Add(FieldError.Invalid(path, "", "resource or service backend is required"));
            return;
        }
        var name = service.Str("name") ?? "";
        if (name.Length == 0)
            errs.Add(FieldError.Required(path + ".service.name"));
        else
            foreach (var msg in NameValidation.IsDns1035Label(name))
                errs.Add(FieldError.Invalid(path + ".service.name", name, msg));
        var port = service.Obj("port");
        var portName = port.Str("name") ?? "";
        var portNumber = port.Int("number") ?? 0;
        if (portName.Length > 0 && portNumber != 0)
            errs.Add(FieldError.Invalid(path + ".service.port", portName, "cannot set both port name & port number"));
        else if (portName.Length > 0)
            foreach (var msg in NameValidation.IsValidPortName(portName))
                errs.Add(FieldError.Invalid(path + ".service.port.name", portName, msg));
        else if (portNumber != 0)
            foreach (var msg in NameValidation.IsValidPortNumber(portNumber))
                errs.Add(FieldError.Invalid(path + ".service.port.number", portNumber, msg));
        else
            errs.Add(FieldError.Required(path + ".service.port.name", "port name or number is required"));
    }

    public static void IngressClass(JsonObject obj, List<FieldError> errs)
    {
        var controller = obj.Obj("spec")?.Str("controller") ?? "";
        if (controller.Length == 0)
            errs.Add(FieldError.Required("spec.controller"));
        else
            foreach (var msg in NameValidation.IsQualifiedName(controller))
                errs.Add(FieldError.Invalid("spec.controller", controller, msg));
    }

    public static void NetworkPolicy(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        LabelSelectors.Validate(spec.Obj("podSelector"), "spec.podSelector", errs);
        Rules(spec.Arr("ingress"), "spec.ingress", "from", errs);
        Rules(spec.Arr("egress"), "spec.egress", "to", errs);
        var types = spec.Arr("policyTypes");
        if (types is { Count: > 2 })
            errs.Add(FieldError.InvalidRaw("spec.policyTypes", GoValues.StringSlice(types), "may not have more than 2 values"));
        foreach (var (i, t) in (types ?? []).Select((t, i) => (i, JsonFields.AsString(t) ?? "")))
            if (!PolicyTypes.Contains(t))
                errs.Add(FieldError.NotSupported($"spec.policyTypes[{i}]", t, PolicyTypes));
    }

    private static void Rules(JsonArray? rules, string path, string peerField, List<FieldError> errs)
    {
        foreach (var (i, rule) in rules.Indexed())
        {
            var rp = $"{path}[{i}]";
            foreach (var (j, port) in rule.Arr("ports").Indexed())
            {
                var pp = $"{rp}.ports[{j}]";
                if (port.Str("protocol") is { } protocol && !Protocols.Contains(protocol))
                    errs.Add(FieldError.NotSupported(pp + ".protocol", protocol, Protocols));
                if (port["port"] is not null)
                    ContainerValidation.PortRef(port["port"], pp + ".port", errs);
                if (port.Int("endPort") is { } endPort)
                {
                    if (port.Int("port") is not { } start)
                        errs.Add(FieldError.Required(pp + ".port", "must be specified when endPort is specified"));
                    else if (endPort < start)
                        errs.Add(FieldError.Invalid(pp + ".endPort", endPort, "must be greater than or equal to `port`"));
                }
            }
            foreach (var (j, peer) in rule.Arr(peerField).Indexed())
            {
                var peerPath = $"{rp}.{peerField}[{j}]";
                var hasSelector = peer["podSelector"] is not null || peer["namespaceSelector"] is not null;
                if (peer.Obj("ipBlock") is { } ipBlock)
                {
                    if (hasSelector)
                        errs.Add(FieldError.Forbidden(peerPath, "may not specify both ipBlock and another peer"));
                    var cidr = ipBlock.Str("cidr") ?? "";
                    if (!IPNetwork.TryParse(cidr, out _))
                        errs.Add(FieldError.Invalid(peerPath + ".ipBlock.cidr", cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
                }
                else if (!hasSelector)
                {
                    errs.Add(FieldError.Required(peerPath, "must specify a peer"));
                }
                LabelSelectors.Validate(peer.Obj("podSelector"), peerPath + ".podSelector", errs);
                LabelSelectors.Validate(peer.Obj("namespaceSelector"), peerPath + ".namespaceSelector", errs);
            }
        }
    }
}
