using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Client;

/// <summary>
/// An optional capability of an <see cref="IApiClient"/>: POST to a subresource that creates something (pods/binding,
/// pods/eviction), which the CRUD verbs of IApiClient cannot address. The in-process and HTTP clients implement it.
/// </summary>
public interface ISubresourceCreator
{
    /// <summary>POST <paramref name="body"/> to .../NAME/<paramref name="subresource"/>; returns the server's answer (a Status for binding).</summary>
    Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body,
        CancellationToken cancellationToken = default);
}

/// <summary>Binding a pod to a node the way the scheduler does it in Kubernetes: POST pods/NAME/binding.</summary>
public static class PodBindingExtensions
{
    /// <summary>
    /// Assigns the pod to the node. Throws <see cref="ApiClientException"/> 409 when the pod is already assigned (or being
    /// deleted) and 404 when it is gone. A client without <see cref="ISubresourceCreator"/> falls back to a JSON patch that
    /// sets spec.nodeName guarded by the pod's resourceVersion, then marks PodScheduled=True through the status subresource.
    /// </summary>
    public static async Task BindAsync(this IApiClient client, ResourceType pods, string ns, string pod, string node,
        CancellationToken cancellationToken = default)
    {
        var binding = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Binding",
            ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns },
            ["target"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
        };
        if (client is ISubresourceCreator creator)
        {
            await creator.CreateSubresourceAsync(pods, ns, pod, "binding", binding, cancellationToken).ConfigureAwait(false);
            return;
        }

        var current = await client.GetAsync(pods, ns, pod, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiClientException(404, "NotFound", $"pods \"{pod}\" not found");
        if (current["spec"]?["nodeName"] is JsonValue assigned && assigned.GetValue<string>() is { Length: > 0 } existing)
            throw new ApiClientException(409, "Conflict",
                $"Operation cannot be fulfilled on pods/binding \"{pod}\": pod {pod} is already assigned to node \"{existing}\"");
        var rv = current["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = rv },
            new JsonObject { ["op"] = "add", ["path"] = "/spec/nodeName", ["value"] = node });
        var bound = await client.PatchAsync(pods, ns, pod, PatchType.Json, patch, null, cancellationToken).ConfigureAwait(false);
        var conditions = new JsonArray();
        foreach (var c in (bound["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
            if (c["type"]?.GetValue<string>() != "PodScheduled")
                conditions.Add(c.DeepClone());
        conditions.Add((JsonNode)new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null,
            ["lastTransitionTime"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) });
        await client.PatchAsync(pods, ns, pod, PatchType.Merge, new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } },
            "status", cancellationToken).ConfigureAwait(false);
    }
}
