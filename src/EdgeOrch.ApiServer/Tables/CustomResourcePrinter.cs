using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Tables for custom resources from the CRD's additionalPrinterColumns (name, type, jsonPath, priority, format,
/// description), after a leading Name column. A CRD with no columns gets Age, as the API server serves it.
/// Cells follow the column type: integer/number/boolean values, "date" as an age, "string" as text; anything
/// missing or of the wrong type is null, which kubectl shows as &lt;none&gt;.
/// </summary>
internal static class CustomResourcePrinter
{
    public static Printer Create(JsonArray? printerColumns)
    {
        var definitions = printerColumns?.OfType<JsonObject>().ToList() ?? [];
        if (definitions.Count == 0)
        {
            definitions.Add(new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" });
        }

        var columns = new List<TableColumn> { TableColumn.Name0 };
        var paths = new List<(string Type, JsonPathQuery? Query)>();
        foreach (var definition in definitions)
        {
            var jsonPath = Fields.Text(definition, "jsonPath");
            var type = Fields.Text(definition, "type");
            var description = Fields.Str(definition, "description") is { Length: > 0 } d ? d : $"Custom resource column at JSONPath {jsonPath}";
            columns.Add(new TableColumn(
                Fields.Text(definition, "name"),
                type,
                description,
                (int)(Fields.Long(definition, "priority") ?? 0),
                Fields.Text(definition, "format")));
            paths.Add((type, JsonPathQuery.TryParse(jsonPath, out var query) ? query : null));
        }

        return new Printer(columns, (item, now) =>
        {
            var cells = new JsonNode?[paths.Count + 1];
            cells[0] = Meta.Name(item);
            for (var i = 0; i < paths.Count; i++)
            {
                // Like the API server, only the first match counts (".items[*].name" shows the first name).
                var value = paths[i].Query?.Evaluate(item).FirstOrDefault();
                cells[i + 1] = value is null ? null : Cell(paths[i].Type, value, now);
            }
            return cells;
        });
    }

    internal static JsonNode? Cell(string type, JsonNode value, DateTimeOffset now)
    {
        var scalar = value as JsonValue;
        var kind = scalar?.GetValueKind();
        switch (type)
        {
            case "string":
                return Fields.ScalarText(value) ?? CanonicalJson(value);
            case "integer":
                return scalar is not null && Fields.AsLong(scalar) is { } l ? l : null;
            case "number":
                return scalar is not null && Fields.AsDouble(scalar) is { } d ? d : null;
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? kind == JsonValueKind.True : null;
            case "date":
                if (kind != JsonValueKind.String)
                {
                    return null;
                }
                var text = scalar!.GetValue<string>();
                if (text.Length == 0)
                {
                    return "<unknown>";
                }
                return Fields.ParseTime(text) is { } time ? HumanDuration.Since(time, now) : "<invalid>";
            default:
                return null;
        }
    }

    /// <summary>Compact JSON with object keys sorted, the way Go's encoding/json prints maps.</summary>
    private static string CanonicalJson(JsonNode node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
