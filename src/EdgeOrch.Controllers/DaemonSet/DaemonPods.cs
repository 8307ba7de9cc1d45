using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.DaemonSet;

/// <summary>
/// Builds a daemon pod for one node as Kubernetes does since 1.12: not bound directly, but pinned with a required node
/// affinity on metadata.name (matchFields) so the scheduler binds it, and carrying the tolerations every daemon gets.
/// </summary>
internal static class DaemonPods
{
    public const string TemplateGenerationLabel = "pod-template-generation";

    /// <summary>The tolerations the DaemonSet controller adds (util.AddOrUpdateDaemonPodTolerations).</summary>
    private static readonly (string Key, string Effect)[] DefaultTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    /// <summary>The pod spec a daemon pod gets from the template: the template's, with the default tolerations added.</summary>
    public static JsonObject SpecWithTolerations(JsonObject template)
    {
        var spec = template.Obj("spec")?.DeepClone() as JsonObject ?? [];
        var tolerations = spec.Arr("tolerations") ?? [];
        var required = DefaultTolerations.ToList();
        if (spec.Bool("hostNetwork") == true)
            required.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        foreach (var (key, effect) in required)
        {
            if (tolerations.Objects().Any(t => t.Str("key") == key && t.Str("effect") == effect))
                continue;
            tolerations.Add((JsonNode)new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
        spec["tolerations"] = tolerations;
        return spec;
    }

    public static JsonObject NewPod(JsonObject set, ResourceType setType, JsonObject template, string nodeName, string hash)
    {
        var templateMeta = template.Obj("metadata");
        var labels = Objects.CopyMap(templateMeta.Obj("labels"));
        labels[Revisions.HashLabel] = hash;
        labels[TemplateGenerationLabel] = Objects.Generation(set).ToString(CultureInfo.InvariantCulture);
        var prefix = Objects.Name(set) + "-";
        var meta = new JsonObject
        {
            ["name"] = prefix + Objects.RandomSuffix(),
            ["generateName"] = prefix,
            ["namespace"] = Objects.Namespace(set),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(Objects.ControllerRef(set, setType)),
        };
        if (templateMeta.Obj("annotations") is { Count: > 0 } annotations)
            meta["annotations"] = annotations.DeepClone();

        var spec = SpecWithTolerations(template);
        PinToNode(spec, nodeName);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    /// <summary>
    /// util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes exactly one term matching the node's
    /// name; other required terms are dropped because the node was already checked against them.
    /// </summary>
    private static void PinToNode(JsonObject spec, string nodeName)
    {
        var nodeAffinity = spec.Ensure("affinity").Ensure("nodeAffinity");
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchFields"] = new JsonArray(new JsonObject
                {
                    ["key"] = "metadata.name",
                    ["operator"] = "In",
                    ["values"] = new JsonArray(nodeName),
                }),
            }),
        };
    }
}
