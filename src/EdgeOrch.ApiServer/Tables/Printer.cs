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
