using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>One metadata.managedFields entry: who owns which fields, through which operation.</summary>
internal sealed class ManagedFieldsEntry
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? Subresource { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public FieldSet Fields { get; set; } = new();

    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? "") == (subresource ?? "");

    public static string FormatTime(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads metadata.managedFields; entries that are not FieldsV1 objects are skipped rather than failing the write.</summary>
    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var result = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray entries) return result;
        foreach (var node in entries)
        {
            if (node is not JsonObject e || Str(e, "manager") is not { } manager) continue;
            result.Add(new ManagedFieldsEntry
            {
                Manager = manager,
                Operation = Str(e, "operation") ?? Update,
                Subresource = Str(e, "subresource"),
                ApiVersion = Str(e, "apiVersion"),
                Time = Str(e, "time"),
                Fields = FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject),
            });
        }
        return result;
    }

    /// <summary>Writes entries back in the Kubernetes order (Apply before Update, then by time, manager, subresource).</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = entries.Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? "", StringComparer.Ordinal)
            .ToList();
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (list.Count == 0)
        {
            metadata.Remove("managedFields");
            return;
        }

        var array = new JsonArray();
        foreach (var e in list)
        {
            var json = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (!string.IsNullOrEmpty(e.Subresource)) json["subresource"] = e.Subresource;
            array.Add((JsonNode)json);
        }
        metadata["managedFields"] = array;
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
