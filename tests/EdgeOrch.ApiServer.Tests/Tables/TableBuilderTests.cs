using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Tables;
using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class TableBuilderTests
{
    private const string KubectlAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static JsonObject ConfigMap(string name) => Parse(Times($$$"""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"default","resourceVersion":"17",
         "uid":"u-{{{name}}}","labels":{"app":"web"},"creationTimestamp":"$AGO:5m$"},"data":{"k":"v"}}
        """));

    [Fact]
    public void Envelope_is_a_meta_v1_table_with_list_metadata()
    {
        var table = TableBuilder.Build(Type("ConfigMap"), [ConfigMap("a"), ConfigMap("b")],
            new TableOptions { Now = Now, ResourceVersion = "99", Continue = "tok", RemainingItemCount = 5 });

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("99", table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("tok", table["metadata"]!["continue"]!.GetValue<string>());
        Assert.Equal(5, table["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Equal(2, table["rows"]!.AsArray().Count);
        Assert.Equal(["b", "1", "5m"], Cells(table, 1));

        var column = table["columnDefinitions"]![0]!.AsObject();
        Assert.Equal(["name", "type", "format", "description", "priority"], column.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Without_continue_the_metadata_has_only_the_resource_version()
    {
        var table = TableBuilder.Build(Type("ConfigMap"), [], new TableOptions { Now = Now, ResourceVersion = "3" });
        Assert.Equal(["resourceVersion"], table["metadata"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Empty(table["rows"]!.AsArray());
        Assert.Equal(["Name", "Data", "Age"], ColumnNames(table));
    }

    [Fact]
    public void Default_row_object_is_partial_object_metadata()
    {
        var item = ConfigMap("a");
        var table = TableBuilder.Build(Type("ConfigMap"), [item], new TableOptions { Now = Now });
        var obj = table["rows"]![0]!["object"]!.AsObject();
        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("u-a", obj["metadata"]!["uid"]!.GetValue<string>());
        Assert.Null(obj["data"]);

        // The table owns copies: changing it leaves the stored object alone.
        obj["metadata"]!["name"] = "changed";
        Assert.Equal("a", item["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Include_object_and_none()
    {
        var full = TableBuilder.Build(Type("ConfigMap"), [ConfigMap("a")],
            new TableOptions { Now = Now, IncludeObjectPolicy = TableOptions.IncludeObject });
        Assert.Equal("ConfigMap", full["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("v", full["rows"]![0]!["object"]!["data"]!["k"]!.GetValue<string>());

        var none = TableBuilder.Build(Type("ConfigMap"), [ConfigMap("a")],
            new TableOptions { Now = Now, IncludeObjectPolicy = TableOptions.IncludeNone });
        Assert.False(none["rows"]![0]!.AsObject().ContainsKey("object"));
    }

    [Fact]
    public void Single_object_table_takes_the_object_resource_version()
    {
        var table = TableBuilder.BuildSingle(Type("ConfigMap"), ConfigMap("a"), new TableOptions { Now = Now });
        Assert.Equal("17", table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Single(table["rows"]!.AsArray());
        Assert.Equal(["a", "1", "5m"], Cells(table));
    }

    [Fact]
    public void No_headers_and_v1beta1()
    {
        var table = TableBuilder.Build(Type("ConfigMap"), [ConfigMap("a")],
            new TableOptions { Now = Now, NoHeaders = true, TableVersion = "v1beta1" });
        Assert.Empty(table["columnDefinitions"]!.AsArray());
        Assert.Equal("meta.k8s.io/v1beta1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1beta1", table["rows"]![0]!["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Table_serializes_to_json()
    {
        var json = TableKit.Table("Pod", """{"metadata":{"name":"p"},"spec":{"containers":[]}}""").ToJsonString();
        Assert.Contains("\"kind\":\"Table\"", json);
        Assert.Contains("\"cells\":[\"p\",\"0/0\"", json);
    }

    [Theory]
    [InlineData(KubectlAccept, "v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json", "v1beta1")]
    [InlineData("application/json; as=Table; v=v1; g=meta.k8s.io", "v1")]
    [InlineData("application/json", null)]
    [InlineData("*/*", null)]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("application/json, application/json;as=Table;v=v1;g=meta.k8s.io", null)]
    [InlineData("application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io", "v1")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io;q=0, application/json", null)]
    [InlineData("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io", "v1")]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", null)]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io", null)]
    public void Negotiates_table_from_accept(string? accept, string? expected)
    {
        Assert.Equal(expected, TableBuilder.NegotiateTableVersion(accept));
        Assert.Equal(expected is not null, TableBuilder.WantsTable(accept));
    }

    [Fact]
    public void Content_type_names_the_table_version()
    {
        Assert.Equal("application/json;as=Table;v=v1;g=meta.k8s.io", TableBuilder.ContentType());
        Assert.Equal("v1beta1", TableBuilder.NegotiateTableVersion(TableBuilder.ContentType("v1beta1")));
    }

    [Theory]
    [InlineData("None", true)]
    [InlineData("Metadata", true)]
    [InlineData("Object", true)]
    [InlineData("object", false)]
    [InlineData(null, false)]
    public void Validates_include_object(string? value, bool valid) =>
        Assert.Equal(valid, TableOptions.IsValidIncludeObject(value));
}
