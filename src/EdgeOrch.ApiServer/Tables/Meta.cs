using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>Reads shared by most printers: the object's own metadata.</summary>
internal static class Meta
{
    public static string Name(JsonObject item) => Fields.Text(item, "metadata", "name");

    public static string Age(JsonObject item, DateTimeOffset now) =>
        HumanDuration.Since(Fields.Time(item, "metadata", "creationTimestamp"), now);

    public static bool Deleting(JsonObject item) => Fields.Get(item, "metadata", "deletionTimestamp") is JsonValue;

    /// <summary>Container names and images of a pod spec, comma-joined in spec order (layoutContainerCells).</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var names = new List<string>();
        var images = new List<string>();
        foreach (var container in Fields.Objects(podSpec, "containers"))
        {
            names.Add(Fields.Text(container, "name"));
            images.Add(Fields.Text(container, "image"));
        }
        return (string.Join(',', names), string.Join(',', images));
    }

    /// <summary>"N + M more..." lists used by Endpoints, EndpointSlice and Ingress hosts.</summary>
    public static string ListWithMore(IReadOnlyList<string> shown, int total, int max)
    {
        var text = string.Join(',', shown);
        return total > max ? $"{text} + {total - max} more..." : text;
    }
}
