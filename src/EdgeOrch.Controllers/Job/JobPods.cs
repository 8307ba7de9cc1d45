using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.Job;

/// <summary>
/// Pods of a Job: "&lt;job&gt;-&lt;random5&gt;", or for Indexed Jobs "&lt;job&gt;-&lt;index&gt;-&lt;random5&gt;" with the completion
/// index as annotation, label, hostname and the JOB_COMPLETION_INDEX variable.
/// </summary>
internal static class JobPods
{
    public const string CompletionIndexKey = "batch.kubernetes.io/job-completion-index";

    public static bool IsIndexed(JsonObject job) => job.Obj("spec").Str("completionMode") == "Indexed";

    /// <summary>The completion index of an Indexed Job's pod, from its annotation (or label).</summary>
    public static int? Index(JsonObject pod)
    {
        var text = Objects.Meta(pod).Obj("annotations").Str(CompletionIndexKey) ?? Objects.Label(pod, CompletionIndexKey);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    public static JsonObject NewPod(JsonObject job, ResourceType jobType, int? index)
    {
        var template = job.Obj("spec").Obj("template") ?? [];
        var templateMeta = template.Obj("metadata");
        var labels = Objects.CopyMap(templateMeta.Obj("labels"));
        // The API server's JobDefaults put these on the template; a Job with a manual selector may lack them.
        if (!labels.ContainsKey(JobDefaults.ControllerUidLabel)) labels[JobDefaults.ControllerUidLabel] = Objects.Uid(job);
        if (!labels.ContainsKey(JobDefaults.JobNameLabel)) labels[JobDefaults.JobNameLabel] = Objects.Name(job);
        var annotations = Objects.CopyMap(templateMeta.Obj("annotations"));
        var spec = template.Obj("spec")?.DeepClone() as JsonObject ?? [];

        var prefix = Objects.Name(job) + "-";
        if (index is { } i)
        {
            var text = i.ToString(CultureInfo.InvariantCulture);
            prefix += text + "-";
            annotations[CompletionIndexKey] = text;
            labels[CompletionIndexKey] = text;
            if (spec.IsUnset("hostname")) spec["hostname"] = $"{Objects.Name(job)}-{text}";
            AddIndexVariable(spec.Arr("initContainers"));
            AddIndexVariable(spec.Arr("containers"));
        }
        var meta = new JsonObject
        {
            ["name"] = prefix + Objects.RandomSuffix(),
            ["generateName"] = prefix,
            ["namespace"] = Objects.Namespace(job),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(Objects.ControllerRef(job, jobType)),
        };
        if (annotations.Count > 0) meta["annotations"] = annotations;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    /// <summary>JOB_COMPLETION_INDEX comes from the pod's own annotation through the downward API, as in Kubernetes.</summary>
    private static void AddIndexVariable(JsonArray? containers)
    {
        foreach (var container in containers.Objects())
        {
            var env = container.Arr("env") ?? [];
            container["env"] = env;
            if (env.Objects().Any(e => e.Str("name") == "JOB_COMPLETION_INDEX")) continue;
            env.Add((JsonNode)new JsonObject
            {
                ["name"] = "JOB_COMPLETION_INDEX",
                ["valueFrom"] = new JsonObject
                {
                    ["fieldRef"] = new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["fieldPath"] = $"metadata.annotations['{CompletionIndexKey}']",
                    },
                },
            });
        }
    }

    /// <summary>"1,3-5,7": the compact interval form of status.completedIndexes.</summary>
    public static string FormatIndexes(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : $"{sorted[i].ToString(CultureInfo.InvariantCulture)}-{sorted[j].ToString(CultureInfo.InvariantCulture)}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    public static IEnumerable<int> ParseIndexes(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (var part in text.Split(','))
        {
            var dash = part.Split('-');
            if (!int.TryParse(dash[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)) continue;
            var to = from;
            if (dash.Length == 2 && !int.TryParse(dash[1], NumberStyles.None, CultureInfo.InvariantCulture, out to)) continue;
            for (var i = from; i <= to; i++) yield return i;
        }
    }
}
