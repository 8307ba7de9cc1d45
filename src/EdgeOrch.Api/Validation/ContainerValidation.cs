using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>One container of a pod spec: image, ports, env, mounts, resources, probes.</summary>
internal static class ContainerValidation
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public static void Validate(JsonObject c, string path, bool isPod, ISet<string> volumeNames, List<FieldError> errs)
    {
        var image = c.Str("image") ?? "";
        // Templates may leave the image empty (filled in later by tooling); pods may not.
        if (image.Length == 0 && isPod)
            errs.Add(FieldError.Required(path + ".image"));
        else if (image.Trim().Length != image.Length)
            errs.Add(FieldError.Invalid(path + ".image", image, "must not have leading or trailing whitespace"));

        if (c.Str("imagePullPolicy") is { } pull && !PullPolicies.Contains(pull))
            errs.Add(FieldError.NotSupported(path + ".imagePullPolicy", pull, PullPolicies));
        if (c.Str("terminationMessagePolicy") is { } tmp && !MessagePolicies.Contains(tmp))
            errs.Add(FieldError.NotSupported(path + ".terminationMessagePolicy", tmp, MessagePolicies));

        Ports(c.Arr("ports"), path + ".ports", errs);
        Env(c.Arr("env"), path + ".env", errs);
        Mounts(c.Arr("volumeMounts"), path + ".volumeMounts", volumeNames, errs);
        ResourceValidation.Requirements(c.Obj("resources"), path + ".resources", errs);
        Probe(c.Obj("livenessProbe"), path + ".livenessProbe", successMustBeOne: true, errs);
        Probe(c.Obj("readinessProbe"), path + ".readinessProbe", successMustBeOne: false, errs);
        Probe(c.Obj("startupProbe"), path + ".startupProbe", successMustBeOne: true, errs);
    }

    private static void Ports(JsonArray? ports, string path, List<FieldError> errs)
    {
        var names = new HashSet<string>();
        foreach (var (i, p) in ports.Indexed())
        {
            var pp = $"{path}[{i}]";
            if (p.Str("name") is { Length: > 0 } name)
            {
                foreach (var msg in NameValidation.IsValidPortName(name))
                    errs.Add(FieldError.Invalid(pp + ".name", name, msg));
                if (!names.Add(name))
                    errs.Add(FieldError.Duplicate(pp + ".name", name));
            }
            var containerPort = p.Int("containerPort") ?? 0;
            if (containerPort == 0)
                errs.Add(FieldError.Required(pp + ".containerPort"));
            else
                foreach (var msg in NameValidation.IsValidPortNumber(containerPort))
                    errs.Add(FieldError.Invalid(pp + ".containerPort", containerPort, msg));
            if (p.Int("hostPort") is { } hostPort and not 0)
                foreach (var msg in NameValidation.IsValidPortNumber(hostPort))
                    errs.Add(FieldError.Invalid(pp + ".hostPort", hostPort, msg));
            var protocol = p.Str("protocol") ?? "";
            if (protocol.Length == 0)
                errs.Add(FieldError.Required(pp + ".protocol"));
            else if (!Protocols.Contains(protocol))
                errs.Add(FieldError.NotSupported(pp + ".protocol", protocol, Protocols));
        }
    }

    private static void Env(JsonArray? env, string path, List<FieldError> errs)
    {
        foreach (var (i, e) in env.Indexed())
        {
            var ep = $"{path}[{i}]";
            var name = e.Str("name") ?? "";
            if (name.Length == 0)
                errs.Add(FieldError.Required(ep + ".name"));
            else
                foreach (var msg in NameValidation.IsEnvVarName(name))
                    errs.Add(FieldError.Invalid(ep + ".name", name, msg));

            if (e.Obj("valueFrom") is not { } from)
                continue;
            var sources = from.Count(kv => kv.Value is not null);
            if (sources == 0)
                errs.Add(FieldError.Invalid(ep + ".valueFrom", "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
            else if (sources > 1)
                errs.Add(FieldError.Invalid(ep + ".valueFrom", "", "may not have more than one field specified at a time"));
            if (!string.IsNullOrEmpty(e.Str("value")))
                errs.Add(FieldError.Invalid(ep + ".valueFrom", "", "may not be specified when `value` is not empty"));
            foreach (var refName in new[] { "secretKeyRef", "configMapKeyRef" })
            {
                if (from.Obj(refName) is not { } keyRef) continue;
                if (string.IsNullOrEmpty(keyRef.Str("key")))
                    errs.Add(FieldError.Required($"{ep}.valueFrom.{refName}.key"));
                else
                    foreach (var msg in NameValidation.IsConfigMapKey(keyRef.Str("key")!))
                        errs.Add(FieldError.Invalid($"{ep}.valueFrom.{refName}.key", keyRef.Str("key")!, msg));
                if (string.IsNullOrEmpty(keyRef.Str("name")))
                    errs.Add(FieldError.Required($"{ep}.valueFrom.{refName}.name"));
            }
            if (from.Obj("fieldRef") is { } fieldRef && string.IsNullOrEmpty(fieldRef.Str("fieldPath")))
                errs.Add(FieldError.Required(ep + ".valueFrom.fieldRef.fieldPath"));
        }
    }

    private static void Mounts(JsonArray? mounts, string path, ISet<string> volumeNames, List<FieldError> errs)
    {
        var mountPaths = new HashSet<string>();
        foreach (var (i, m) in mounts.Indexed())
        {
            var mp = $"{path}[{i}]";
            var name = m.Str("name") ?? "";
            if (name.Length == 0)
                errs.Add(FieldError.Required(mp + ".name"));
            else if (!volumeNames.Contains(name))
                errs.Add(FieldError.NotFound(mp + ".name", name));
            var mountPath = m.Str("mountPath") ?? "";
            if (mountPath.Length == 0)
                errs.Add(FieldError.Required(mp + ".mountPath"));
            else if (!mountPaths.Add(mountPath))
                errs.Add(FieldError.Invalid(mp + ".mountPath", mountPath, "must be unique"));
            if (m.Str("subPath") is { Length: > 0 } subPath && (subPath.StartsWith('/') || subPath.Split('/').Contains("..")))
                errs.Add(FieldError.Invalid(mp + ".subPath", subPath, subPath.StartsWith('/') ? "must be a relative path" : "must not contain '..'"));
        }
    }

    private static void Probe(JsonObject? probe, string path, bool successMustBeOne, List<FieldError> errs)
    {
        if (probe is null) return;
        var handlers = new[] { "exec", "httpGet", "tcpSocket", "grpc" }.Count(h => probe[h] is not null);
        if (handlers == 0)
            errs.Add(FieldError.Required(path, "must specify a handler type"));
        else if (handlers > 1)
            errs.Add(FieldError.Forbidden(path, "may not specify more than 1 handler type"));
        foreach (var field in new[] { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" })
            if (probe.Int(field) is { } v && v < 0)
                errs.Add(FieldError.Invalid($"{path}.{field}", v, "must be greater than or equal to 0"));
        if (successMustBeOne && probe.Int("successThreshold") is { } s && s != 1)
            errs.Add(FieldError.Invalid(path + ".successThreshold", s, "must be 1"));
        if (probe.Obj("httpGet") is { } http)
            PortRef(http["port"], path + ".httpGet.port", errs);
        if (probe.Obj("tcpSocket") is { } tcp)
            PortRef(tcp["port"], path + ".tcpSocket.port", errs);
    }

    /// <summary>An int-or-string port: a valid number or a valid IANA port name.</summary>
    public static void PortRef(JsonNode? port, string path, List<FieldError> errs)
    {
        if (JsonFields.AsString(port) is { } name)
        {
            foreach (var msg in NameValidation.IsValidPortName(name))
                errs.Add(FieldError.Invalid(path, name, msg));
        }
        else
        {
            var number = JsonFields.AsLong(port) ?? 0;
            foreach (var msg in NameValidation.IsValidPortNumber(number))
                errs.Add(FieldError.Invalid(path, number, msg));
        }
    }
}
