using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.StatefulSet;

/// <summary>
/// The stable identity of a StatefulSet pod: ordinal name, hostname/subdomain, identity labels, and the claims built from
/// volumeClaimTemplates ("&lt;template&gt;-&lt;set&gt;-&lt;ordinal&gt;") that the pod's volumes point at.
/// </summary>
internal static class StatefulSetIdentity
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public static string PodName(JsonObject set, long ordinal) => $"{Objects.Name(set)}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    public static string ClaimName(string template, JsonObject set, long ordinal) =>
        $"{template}-{Objects.Name(set)}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ordinal of a pod named "&lt;set&gt;-&lt;n&gt;", or null for a pod that is not one of this set's.</summary>
    public static long? Ordinal(JsonObject set, JsonObject pod)
    {
        var prefix = Objects.Name(set) + "-";
        var name = Objects.Name(pod);
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = name[prefix.Length..];
        return rest.Length > 0 && rest.All(char.IsAsciiDigit) && long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    public static JsonObject NewPod(JsonObject set, ResourceType setType, JsonObject template, long ordinal, string revisionHash)
    {
        var name = PodName(set, ordinal);
        var templateMeta = template.Obj("metadata");
        var labels = Objects.CopyMap(templateMeta.Obj("labels"));
        labels[PodNameLabel] = name;
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        labels[Revisions.HashLabel] = revisionHash;
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = Objects.Namespace(set),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(Objects.ControllerRef(set, setType)),
        };
        if (templateMeta.Obj("annotations") is { Count: > 0 } annotations)
            meta["annotations"] = annotations.DeepClone();

        var spec = template.Obj("spec")?.DeepClone() as JsonObject ?? [];
        // Stable network identity: <pod>.<serviceName> resolves through the headless Service.
        spec["hostname"] = name;
        if (set.Obj("spec").Str("serviceName") is { Length: > 0 } service)
            spec["subdomain"] = service;
        AttachClaims(set, spec, ordinal);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    /// <summary>Each claim template becomes a volume of the same name, replacing a template volume with that name.</summary>
    private static void AttachClaims(JsonObject set, JsonObject spec, long ordinal)
    {
        var templates = set.Obj("spec").Arr("volumeClaimTemplates").Objects().ToList();
        if (templates.Count == 0) return;
        var volumes = spec.Arr("volumes") ?? [];
        var kept = volumes.Objects().Where(v => templates.All(t => Objects.Name(t) != v.Str("name"))).Select(v => v.DeepClone()).ToList();
        foreach (var t in templates)
        {
            kept.Add(new JsonObject
            {
                ["name"] = Objects.Name(t),
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = ClaimName(Objects.Name(t), set, ordinal) },
            });
        }
        spec["volumes"] = new JsonArray(kept.ToArray());
    }

    /// <summary>The claims of one ordinal: the template's spec and labels plus the set's selector labels (getPersistentVolumeClaims).</summary>
    public static List<JsonObject> NewClaims(JsonObject set, long ordinal)
    {
        var claims = new List<JsonObject>();
        var selectorLabels = set.Obj("spec").Obj("selector").Obj("matchLabels");
        foreach (var t in set.Obj("spec").Arr("volumeClaimTemplates").Objects())
        {
            var labels = Objects.CopyMap(Objects.Labels(t));
            foreach (var (k, v) in selectorLabels.StringMap())
                labels[k] = v;
            var meta = new JsonObject
            {
                ["name"] = ClaimName(Objects.Name(t), set, ordinal),
                ["namespace"] = Objects.Namespace(set),
                ["labels"] = labels,
            };
            if (Objects.Meta(t).Obj("annotations") is { Count: > 0 } annotations)
                meta["annotations"] = annotations.DeepClone();
            claims.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "PersistentVolumeClaim",
                ["metadata"] = meta,
                ["spec"] = t.Obj("spec")?.DeepClone() ?? new JsonObject(),
            });
        }
        return claims;
    }
}
