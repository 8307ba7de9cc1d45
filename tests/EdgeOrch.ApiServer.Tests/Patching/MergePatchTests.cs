using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class MergePatchTests
{
    // The test cases of RFC 7386 appendix A.
    [Theory]
    [InlineData("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"a\":null}", "{}")]
    [InlineData("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}")]
    [InlineData("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}")]
    [InlineData("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}")]
    [InlineData("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}")]
    [InlineData("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]")]
    [InlineData("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]")]
    [InlineData("{\"a\":\"foo\"}", "null", "null")]
    [InlineData("{\"a\":\"foo\"}", "\"bar\"", "\"bar\"")]
    [InlineData("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}")]
    [InlineData("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}")]
    [InlineData("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}")]
    public void Rfc_7386_examples(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        Assert.Equal(expected, result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Target_is_not_modified()
    {
        var target = JsonNode.Parse("{\"a\":{\"b\":1}}");
        MergePatch.Apply(target, JsonNode.Parse("{\"a\":{\"b\":2}}"));
        Assert.Equal("{\"a\":{\"b\":1}}", target!.ToJsonString());
    }
}
