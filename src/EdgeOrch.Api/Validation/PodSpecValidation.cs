using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>PodSpec checks shared by Pods and pod templates; <c>path</c> is "spec" or "spec.template.spec".</summary>
internal static class PodSpecValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] TolerationOperators = ["Equal", "Exists"];

    public static void Validate(JsonObject? spec, string path, bool isPod, List<FieldError> errs)
    {
        spec ??= new JsonObject();
        var volumeNames = Volumes(spec.Arr("volumes"), path + ".volumes", errs);

        var containers = spec.Arr("containers");
        if (containers is null or { Count: 0 })
            errs.Add(FieldError.Required(path + ".containers"));
        var names = new HashSet<string>();
        ContainerList(spec.Arr("initContainers"), path + ".initContainers", isPod, volumeNames, names, errs);
        ContainerList(containers, path + ".containers", isPod, volumeNames, names, errs);

        if (spec.Str("restartPolicy") is { } restart && !RestartPolicies.Contains(restart))
            errs.Add(FieldError.NotSupported(path + ".restartPolicy", restart, RestartPolicies));
        if (spec.Str("dnsPolicy") is { } dns)
        {
            if (!DnsPolicies.Contains(dns))
                errs.Add(FieldError.NotSupported(path + ".dnsPolicy", dns, DnsPolicies));
            else if (dns == "None" && spec.Obj("dnsConfig")?.Arr("nameservers") is null or { Count: 0 })
                errs.Add(FieldError.Required(path + ".dnsConfig.nameservers", "must provide at least one DNS nameserver when DNSPolicy is None"));
        }

        MetadataValidation.Labels(spec.Obj("nodeSelector"), path + ".nodeSelector", errs);
        if (spec.Int("activeDeadlineSeconds") is { } ads && ads is < 1 or > int.MaxValue)
            errs.Add(FieldError.Invalid(path + ".activeDeadlineSeconds", ads, NameValidation.InclusiveRangeError(1, int.MaxValue)));
        foreach (var field in new[] { "serviceAccountName", "nodeName", "priorityClassName" })
            if (spec.Str(field) is { Length: > 0 } v)
                foreach (var msg in NameValidation.IsDns1123Subdomain(v))
                    errs.Add(FieldError.Invalid($"{path}.{field}", v, msg));
        foreach (var field in new[] { "hostname", "subdomain" })
            if (spec.Str(field) is { Length: > 0 } v)
                foreach (var msg in NameValidation.IsDns1123Label(v))
                    errs.Add(FieldError.Invalid($"{path}.{field}", v, msg));
        Tolerations(spec.Arr("tolerations"), path + ".tolerations", errs);
    }

    private static void ContainerList(JsonArray? list, string path, bool isPod, ISet<string> volumeNames, HashSet<string> names, List<FieldError> errs)
    {
        foreach (var (i, c) in list.Indexed())
        {
            var cp = $"{path}[{i}]";
            var name = c.Str("name") ?? "";
            if (name.Length == 0)
                errs.Add(FieldError.Required(cp + ".name"));
            else
            {
                foreach (var msg in NameValidation.IsDns1123Label(name))
                    errs.Add(FieldError.Invalid(cp + ".name", name, msg));
                if (!names.Add(name))
                    errs.Add(FieldError.Duplicate(cp + ".name", name));
            }
            ContainerValidation.Validate(c, cp, isPod, volumeNames, errs);
        }
    }

    private static HashSet<string> Volumes(JsonArray? volumes, string path, List<FieldError> errs)
    {
        var names = new HashSet<string>();
        foreach (var (i, v) in volumes.Indexed())
        {
            var vp = $"{path}[{i}]";
            var name = v.Str("name") ?? "";
            if (name.Length == 0)
                errs.Add(FieldError.Required(vp + ".name"));
            else
            {
                foreach (var msg in NameValidation.IsDns1123Label(name))
                    errs.Add(FieldError.Invalid(vp + ".name", name, msg));
                if (!names.Add(name))
                    errs.Add(FieldError.Duplicate(vp + ".name", name));
            }
            VolumeSource(v, vp, errs);
        }
        return names;
    }

    private static void VolumeSource(JsonObject v, string vp, List<FieldError> errs)
    {
        var sources = v.Where(kv => kv.Key != "name" && kv.Value is not null).Select(kv => kv.Key).ToList();
        if (sources.Count == 0)
            errs.Add(FieldError.Required(vp, "must specify a volume type"));
        else if (sources.Count > 1)
            errs.Add(FieldError.Forbidden($"{vp}.{sources[1]}", "may not specify more than 1 volume type"));

        if (v.Obj("hostPath") is { } hostPath && string.IsNullOrEmpty(hostPath.Str("path")))
            errs.Add(FieldError.Required(vp + ".hostPath.path"));
        if (v.Obj("secret") is { } secret && string.IsNullOrEmpty(secret.Str("secretName")))
            errs.Add(FieldError.Required(vp + ".secret.secretName"));
        if (v.Obj("configMap") is { } configMap && string.IsNullOrEmpty(configMap.Str("name")))
            errs.Add(FieldError.Required(vp + ".configMap.name"));
        if (v.Obj("persistentVolumeClaim") is { } pvc && string.IsNullOrEmpty(pvc.Str("claimName")))
            errs.Add(FieldError.Required(vp + ".persistentVolumeClaim.claimName"));
        foreach (var source in new[] { "secret", "configMap", "downwardAPI", "projected" })
            if (v.Obj(source)?.Int("defaultMode") is { } mode && mode is < 0 or > 511)
                errs.Add(FieldError.Invalid($"{vp}.{source}.defaultMode", mode, "must be a number between 0 and 0777 (octal), both inclusive"));
    }

    private static void Tolerations(JsonArray? tolerations, string path, List<FieldError> errs)
    {
        foreach (var (i, t) in tolerations.Indexed())
        {
            var tp = $"{path}[{i}]";
            if (t.Str("key") is { Length: > 0 } key)
                foreach (var msg in NameValidation.IsQualifiedName(key))
                    errs.Add(FieldError.Invalid(tp + ".key", key, msg));
            var op = t.Str("operator") ?? "";
            if (op.Length > 0 && !TolerationOperators.Contains(op))
                errs.Add(FieldError.NotSupported(tp + ".operator", op, TolerationOperators));
            if (op == "Exists" && !string.IsNullOrEmpty(t.Str("value")))
                errs.Add(FieldError.Invalid(tp + ".operator", t.Str("value")!, "value must be empty when `operator` is 'Exists'"));
            if (t.Str("effect") is { Length: > 0 } effect && !TaintEffects.Contains(effect))
                errs.Add(FieldError.NotSupported(tp + ".effect", effect, TaintEffects));
        }
    }
}
