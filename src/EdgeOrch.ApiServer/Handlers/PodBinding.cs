using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Handlers;

/// <summary>
/// POST pods/NAME/binding: the scheduler's way of assigning a pod to a node. Like Kubernetes' binding REST, it sets
/// spec.nodeName only when it is still empty (so two schedulers cannot both win), copies the Binding's annotations to the
/// pod, and marks the pod PodScheduled=True in the same write.
/// </summary>
public static class PodBinding
{
    public const string Subresource = "binding";

    /// <summary>Checks the Binding body against the pod named in the URL and returns the target node name.</summary>
    public static string TargetNode(JsonObject binding, string podName)
    {
        var bindingName = ObjectMeta.Name(binding);
        if (!string.IsNullOrEmpty(bindingName) && bindingName != podName)
            throw ApiException.BadRequest($"the name of the object ({bindingName}) does not match the name on the URL ({podName})");
        var target = binding["target"] as JsonObject;
        var kind = ObjectMeta.GetString(target, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != "Node")
            throw BindingInvalid(podName, "target.kind", $"Unsupported value: \"{kind}\": supported values: \"Node\"", "FieldValueNotSupported");
        var node = ObjectMeta.GetString(target, "name");
        if (string.IsNullOrEmpty(node))
            throw BindingInvalid(podName, "target.name", "Required value", "FieldValueRequired");
        return node;
    }

    /// <summary>The update that assigns the pod: refused with 409 when the pod is already bound or being deleted.</summary>
    public static ObjectUpdater.Mutation Assign(string podName, string node, JsonObject? annotations, DateTimeOffset now) => current =>
    {
        var pod = current ?? throw ApiException.NotFound("pods", podName);
        if (ObjectMeta.IsDeleting(pod))
            throw ApiException.ConflictMessage("pods/binding", podName,
                $"Operation cannot be fulfilled on pods/binding \"{podName}\": pod {podName} is being deleted, cannot be assigned to a host");
        var spec = pod["spec"] as JsonObject ?? new JsonObject();
        pod["spec"] = spec;
        if (ObjectMeta.GetString(spec, "nodeName") is { Length: > 0 } existing)
            throw ApiException.ConflictMessage("pods/binding", podName,
                $"Operation cannot be fulfilled on pods/binding \"{podName}\": pod {podName} is already assigned to node \"{existing}\"");
        spec["nodeName"] = node;
        if (annotations is { Count: > 0 })
        {
            var meta = ObjectMeta.Metadata(pod);
            if (meta["annotations"] is not JsonObject existingAnnotations)
                meta["annotations"] = existingAnnotations = new JsonObject();
            foreach (var (key, value) in annotations)
                existingAnnotations[key] = value?.DeepClone();
        }
        MarkScheduled(pod, now);
        // A stale resourceVersion from the client must not turn into a 409: binding is judged on nodeName alone.
        ObjectMeta.Metadata(pod).Remove("resourceVersion");
        return pod;
    };

    private static void MarkScheduled(JsonObject pod, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject ?? new JsonObject();
        pod["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectMeta.GetString(c, "type") == "PodScheduled");
        if (existing is null)
        {
            conditions.Add((JsonNode)new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = ObjectMeta.Timestamp(now),
            });
            return;
        }
        if (ObjectMeta.GetString(existing, "status") != "True")
            existing["lastTransitionTime"] = ObjectMeta.Timestamp(now);
        existing["status"] = "True";
        existing.Remove("reason");
        existing.Remove("message");
    }

    private static ApiException BindingInvalid(string name, string field, string message, string reason) =>
        ApiException.Invalid("Binding", "", name, [new(reason, field, message)]);
}
