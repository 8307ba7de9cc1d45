using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Tables;

namespace EdgeOrch.ApiServer.Tests.Tables;

/// <summary>Shared fixtures: a pinned clock, built-in resource types, and quick access to a table's cells.</summary>
internal static class TableKit
{
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static string Ago(TimeSpan span) => (Now - span).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static ResourceType Type(string kind) => BuiltinResources.Types.Single(t => t.Kind == kind);

    /// <summary>Replaces "$AGO:30s$" (s, m, h, d) with the RFC 3339 time that long before <see cref="Now"/>.</summary>
    public static string Times(string json) => System.Text.RegularExpressions.Regex.Replace(json, @"\$AGO:(\d+)([smhd])\$", m =>
    {
        var n = int.Parse(m.Groups[1].Value);
        var span = m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return Ago(span);
    });

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Table(string kind, params string[] items) =>
        TableBuilder.Build(Type(kind), items.Select(i => Parse(Times(i))).ToList(), new TableOptions { Now = Now, ResourceVersion = "42" });

    public static string[] ColumnNames(JsonObject table) =>
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();

    public static int[] Priorities(JsonObject table) =>
        table["columnDefinitions"]!.AsArray().Select(c => c!["priority"]!.GetValue<int>()).ToArray();

    /// <summary>The cells of a row as text (a JSON null cell as "null"), for compact assertions.</summary>
    public static string[] Cells(JsonObject table, int row = 0) =>
        table["rows"]![row]!["cells"]!.AsArray().Select(Text).ToArray();

    private static string Text(JsonNode? cell) =>
        cell is null ? "null"
        : cell.GetValueKind() == System.Text.Json.JsonValueKind.String ? cell.GetValue<string>()
        : cell.ToJsonString();

    /// <summary>Cells of a single object of that kind.</summary>
    public static string[] Row(string kind, string json) => Cells(Table(kind, json));

    /// <summary>The cell under a column, by column name.</summary>
    public static string Cell(string kind, string json, string column)
    {
        var table = Table(kind, json);
        var index = Array.IndexOf(ColumnNames(table), column);
        Assert.True(index >= 0, $"no column {column} in {kind}");
        return Cells(table)[index];
    }
}
