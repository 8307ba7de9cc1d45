using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Tables;
using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class CustomResourceTableTests
{
    private static ResourceType Crd(string? printerColumns) =>
        new("example.com", "v1", "Backup", "backups", true, [])
        {
            IsCustom = true,
            PrinterColumns = printerColumns is null ? null : JsonNode.Parse(printerColumns)!.AsArray(),
        };

    private const string Backup = """
        {"apiVersion":"example.com/v1","kind":"Backup",
         "metadata":{"name":"nightly","creationTimestamp":"$AGO:3h$"},
         "spec":{"schedule":"0 2 * * *","retention":7,"ratio":0.5,"paused":false,"targets":[{"name":"db"},{"name":"files"}],
           "labels":{"b":"2","a":"1"}},
         "status":{"lastRun":"$AGO:45m$","conditions":[{"type":"Synced","status":"True"},{"type":"Ready","status":"False","reason":"Quota"}]}}
        """;

    private static JsonObject Build(ResourceType type, string json) =>
        TableBuilder.Build(type, [Parse(Times(json))], new TableOptions { Now = Now });

    [Fact]
    public void Columns_from_additional_printer_columns_after_name()
    {
        var table = Build(Crd("""
            [{"name":"Schedule","type":"string","jsonPath":".spec.schedule"},
             {"name":"Retention","type":"integer","jsonPath":".spec.retention","description":"Days kept"},
             {"name":"Ratio","type":"number","jsonPath":".spec.ratio","priority":1},
             {"name":"Paused","type":"boolean","jsonPath":".spec.paused"},
             {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},
             {"name":"Reason","type":"string","jsonPath":".status.conditions[?(@.type=='Ready')].reason"},
             {"name":"First","type":"string","jsonPath":".spec.targets[0].name"},
             {"name":"Last","type":"string","jsonPath":".spec.targets[-1].name"},
             {"name":"Any","type":"string","jsonPath":".spec.targets[*].name"},
             {"name":"Last Run","type":"date","jsonPath":".status.lastRun"},
             {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]
            """), Backup);

        Assert.Equal(
            ["Name", "Schedule", "Retention", "Ratio", "Paused", "Ready", "Reason", "First", "Last", "Any", "Last Run", "Age"],
            ColumnNames(table));
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], Priorities(table));
        Assert.Equal("name", table["columnDefinitions"]![0]!["format"]!.GetValue<string>());
        Assert.Equal("Days kept", table["columnDefinitions"]![2]!["description"]!.GetValue<string>());
        Assert.Equal(
            ["nightly", "0 2 * * *", "7", "0.5", "false", "False", "Quota", "db", "files", "db", "45m", "3h"],
            Cells(table));
    }

    [Fact]
    public void Missing_values_and_type_mismatches_are_null_cells()
    {
        var table = Build(Crd("""
            [{"name":"Nope","type":"string","jsonPath":".spec.missing"},
             {"name":"NotInt","type":"integer","jsonPath":".spec.schedule"},
             {"name":"Gone","type":"string","jsonPath":".status.conditions[?(@.type==\"Degraded\")].status"},
             {"name":"BadDate","type":"date","jsonPath":".spec.schedule"}]
            """), Backup);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Null(cells[1]);
        Assert.Null(cells[2]);
        Assert.Null(cells[3]);
        Assert.Equal("<invalid>", cells[4]!.GetValue<string>());
    }

    [Fact]
    public void String_columns_print_objects_as_json_with_sorted_keys()
    {
        var table = Build(Crd("""[{"name":"Labels","type":"string","jsonPath":".spec.labels"},{"name":"N","type":"string","jsonPath":".spec.retention"}]"""), Backup);
        Assert.Equal(["nightly", """{"a":"1","b":"2"}""", "7"], Cells(table));
    }

    [Fact]
    public void Crd_without_columns_shows_name_and_age()
    {
        foreach (var type in new[] { Crd(null), Crd("[]") })
        {
            var table = Build(type, Backup);
            Assert.Equal(["Name", "Age"], ColumnNames(table));
            Assert.Equal("date", table["columnDefinitions"]![1]!["type"]!.GetValue<string>());
            Assert.Equal(["nightly", "3h"], Cells(table));
        }
    }

    [Fact]
    public void Bracket_keys_with_dots()
    {
        var table = Build(Crd("""[{"name":"App","type":"string","jsonPath":".metadata.labels['app.kubernetes.io/name']"}]"""),
            """{"metadata":{"name":"x","labels":{"app.kubernetes.io/name":"shop"}}}""");
        Assert.Equal(["x", "shop"], Cells(table));
    }
}
