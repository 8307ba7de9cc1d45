using System.Text.Json.Nodes;
using EdgeOrch.Api.Serialization;

namespace EdgeOrch.ApiServer.Tests.Serialization;

public sealed class YamlJsonTests
{
    private static string Json(string yaml) => YamlJson.Parse(yaml)?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("a: true", "{\"a\":true}")]
    [InlineData("a: False", "{\"a\":false}")]
    [InlineData("a: yes", "{\"a\":true}")]
    [InlineData("a: off", "{\"a\":false}")]
    [InlineData("a: \"true\"", "{\"a\":\"true\"}")]
    [InlineData("a: 'yes'", "{\"a\":\"yes\"}")]
    [InlineData("a: 42", "{\"a\":42}")]
    [InlineData("a: -7", "{\"a\":-7}")]
    [InlineData("a: 0x1F", "{\"a\":31}")]
    [InlineData("a: 0755", "{\"a\":493}")]
    [InlineData("a: 1_000", "{\"a\":1000}")]
    [InlineData("a: 1.5", "{\"a\":1.5}")]
    [InlineData("a: 1e3", "{\"a\":1000}")]
    [InlineData("a: \"42\"", "{\"a\":\"42\"}")]
    [InlineData("a: ~", "{\"a\":null}")]
    [InlineData("a: null", "{\"a\":null}")]
    [InlineData("a:", "{\"a\":null}")]
    [InlineData("a: hello world", "{\"a\":\"hello world\"}")]
    [InlineData("a: 1.2.3", "{\"a\":\"1.2.3\"}")]
    [InlineData("a: 2024-01-01", "{\"a\":\"2024-01-01\"}")]
    [InlineData("a: !!str 12", "{\"a\":\"12\"}")]
    [InlineData("a: 12Mi", "{\"a\":\"12Mi\"}")]
    [InlineData("a: 08", "{\"a\":8}")]
    public void Scalars_follow_kubernetes_yaml_rules(string yaml, string json) => Assert.Equal(json, Json(yaml));

    [Fact]
    public void Typed_keys_become_strings()
    {
        Assert.Equal("{\"true\":1,\"80\":\"http\",\"null\":2}", Json("true: 1\n80: http\n~: 2"));
    }

    [Fact]
    public void Block_literals_keep_newlines_and_folded_joins_lines()
    {
        var node = YamlJson.Parse("lit: |\n  line1\n  line2\nfold: >\n  a\n  b\nstrip: |-\n  x\n")!;
        Assert.Equal("line1\nline2\n", (string?)node["lit"]);
        Assert.Equal("a b\n", (string?)node["fold"]);
        Assert.Equal("x", (string?)node["strip"]);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve()
    {
        const string yaml = """
            base: &b
              image: nginx
              port: 80
            copy: *b
            derived:
              <<: *b
              port: 8080
            """;
        var node = YamlJson.Parse(yaml)!;
        Assert.Equal("{\"image\":\"nginx\",\"port\":80}", node["copy"]!.ToJsonString());
        Assert.Equal(8080, (int)node["derived"]!["port"]!);
        Assert.Equal("nginx", (string?)node["derived"]!["image"]);
    }

    [Fact]
    public void Multi_document_streams_return_every_document()
    {
        var docs = YamlJson.ParseAll("kind: A\n---\nkind: B\n---\n");
        Assert.Equal(3, docs.Count);
        Assert.Equal("A", (string?)docs[0]!["kind"]);
        Assert.Equal("B", (string?)docs[1]!["kind"]);
        Assert.Null(docs[2]);
        Assert.Equal("A", (string?)YamlJson.Parse("kind: A\n---\nkind: B\n")!["kind"]);
    }

    [Fact]
    public void Empty_input_is_null()
    {
        Assert.Null(YamlJson.Parse(""));
        Assert.Empty(YamlJson.ParseAll(""));
    }

    [Fact]
    public void Json_is_yaml()
    {
        Assert.Equal("{\"a\":[1,\"x\",{\"b\":null}]}", Json("{\"a\": [1, \"x\", {\"b\": null}]}"));
    }

    [Fact]
    public void Sequences_of_maps_like_containers()
    {
        var node = YamlJson.Parse("containers:\n- name: a\n  args: [\"-c\", \"sleep 1\"]\n- name: b\n")!;
        Assert.Equal("{\"containers\":[{\"name\":\"a\",\"args\":[\"-c\",\"sleep 1\"]},{\"name\":\"b\"}]}", node.ToJsonString());
    }

    [Theory]
    [InlineData("a: 1\nb: \"open\n\n", 2)]
    [InlineData("a: b\n  c: d", 2)]
    [InlineData("a: *nope", 1)]
    public void Malformed_yaml_reports_line(string yaml, int line)
    {
        var e = Assert.Throws<YamlJsonException>(() => YamlJson.Parse(yaml));
        Assert.Equal(line, e.Line);
        Assert.Contains("line " + line, e.Message);
    }

    [Fact]
    public void Truncated_flow_collection_is_a_yaml_error()
    {
        Assert.Throws<YamlJsonException>(() => YamlJson.Parse("a: [1, 2\nb: 3"));
    }

    [Fact]
    public void Numbers_read_back_as_any_numeric_type()
    {
        var node = YamlJson.Parse("replicas: 3")!;
        Assert.Equal(3, node["replicas"]!.GetValue<int>());
        Assert.Equal(3L, node["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void Nan_has_no_json_form()
    {
        Assert.Throws<YamlJsonException>(() => YamlJson.Parse("a: .nan"));
    }
}
