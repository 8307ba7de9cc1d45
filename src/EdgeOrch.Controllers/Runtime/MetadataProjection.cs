using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// The "PartialObjectMetadata" view of an object that metadata-only informers cache: apiVersion, kind and metadata, nothing
/// else (no spec, data, status). metadata.managedFields is left out too: it is often the largest part of the metadata and no
/// controller decides anything from it.
/// </summary>
public static class MetadataProjection
{
    /// <summary>A new object holding copies of <paramref name="obj"/>'s apiVersion, kind and metadata (minus managedFields);
    /// <paramref name="obj"/> is not changed (it may be shared with other watchers).</summary>
    public static JsonObject Of(JsonObject obj)
    {
        var result = new JsonObject();
        if (obj["apiVersion"] is { } apiVersion)
            result["apiVersion"] = apiVersion.DeepClone();
        if (obj["kind"] is { } kind)
            result["kind"] = kind.DeepClone();
        if (obj["metadata"] is JsonObject meta)
        {
            var copy = new JsonObject();
            foreach (var (name, value) in meta)
            {
                if (name != "managedFields")
                    copy[name] = value?.DeepClone();
            }
            result["metadata"] = copy;
        }
        return result;
    }
}
