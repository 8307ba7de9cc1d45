using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Tables;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class JsonPathQueryTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"spec":{"replicas":3,"items":[{"name":"a","port":80},{"name":"b","port":443},{"name":"c","port":8080}]},
         "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Synced","status":"False"}]}}
        """)!;

    private static string[] Eval(string path)
    {
        Assert.True(JsonPathQuery.TryParse(path, out var query), path);
        return query!.Evaluate(Doc).Select(n => Fields.ScalarText(n) ?? n.ToJsonString()).ToArray();
    }

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData("{.spec.replicas}", "3")]
    [InlineData("$.spec.replicas", "3")]
    [InlineData("spec.replicas", "3")]
    [InlineData(".spec.items[1].name", "b")]
    [InlineData(".spec.items[-1].name", "c")]
    [InlineData(".spec.items[*].name", "a,b,c")]
    [InlineData(".spec.items[0:2].name", "a,b")]
    [InlineData(".spec.items[?(@.port > 100)].name", "b,c")]
    [InlineData(".spec.items[?(@.port==80)].name", "a")]
    [InlineData(".status.conditions[?(@.type==\"Synced\")].status", "False")]
    [InlineData(".status.conditions[?(@.status!='True')].type", "Synced")]
    [InlineData(".status.conditions[?(@.reason)].type", "")]
    [InlineData("..name", "a,b,c")]
    [InlineData(".spec['replicas']", "3")]
    [InlineData(".spec.nothing.deeper", "")]
    [InlineData(".spec.items[9].name", "")]
    public void Evaluates(string path, string expected) =>
        Assert.Equal(expected, string.Join(',', Eval(path)));

    [Theory]
    [InlineData(".spec.items[")]
    [InlineData(".spec.items[abc]")]
    [InlineData(".spec..")]
    public void Rejects_malformed_paths(string path) => Assert.False(JsonPathQuery.TryParse(path, out _));
}
