using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>Builds a pod from a controller's pod template (Kubernetes' GetPodFromTemplate).</summary>
internal static class PodTemplates
{
    /// <summary>
    /// A new pod for <paramref name="owner"/>: generateName "&lt;owner&gt;-", the template's labels, annotations and finalizers,
    /// the owner as controlling ownerReference, and a copy of the template's spec.
    /// </summary>
    public static JsonObject NewPod(JsonObject owner, JsonObject controllerRef)
    {
        var template = owner.Obj("spec").Obj("template");
        var meta = new JsonObject
        {
            ["generateName"] = owner.Name() + "-",
            ["namespace"] = owner.Namespace(),
        };
        if (template.Obj("metadata").Obj("labels") is { Count: > 0 } labels) meta["labels"] = labels.DeepClone();
        if (template.Obj("metadata").Obj("annotations") is { Count: > 0 } annotations) meta["annotations"] = annotations.DeepClone();
        if (template.Obj("metadata").Arr("finalizers") is { Count: > 0 } finalizers) meta["finalizers"] = finalizers.DeepClone();
        meta["ownerReferences"] = new JsonArray(controllerRef.DeepClone());
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
    }
}
