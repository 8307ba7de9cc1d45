using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// The columns of one kind and how to fill a row from an object. Like the API server's table convertor it always
/// prints the wide (priority 1) cells too; kubectl drops those columns unless asked for -o wide.
/// </summary>
internal sealed class Printer(
    IReadOnlyList<TableColumn> columns,
    Func<JsonObject, DateTimeOffset, JsonNode?[]> cells,
    Func<JsonObject, JsonArray?>? conditions = null)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public JsonNode?[] Cells(JsonObject item, DateTimeOffset now) => cells(item, now);

    /// <summary>Row conditions (meta.k8s.io TableRowCondition), e.g. Completed for finished pods; null when none.</summary>
    public JsonArray? Conditions(JsonObject item) => conditions?.Invoke(item);
}

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
