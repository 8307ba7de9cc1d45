using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class JsonPatchTests
{
    private static string Apply(string doc, string ops) =>
        JsonPatch.Apply(JsonNode.Parse(doc)!, JsonNode.Parse(ops)!.AsArray()).ToJsonString();

    // Examples from RFC 6902 appendix A.
    [Theory]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}")]
    [InlineData("{\"foo\":[\"bar\",\"baz\"]}", "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/baz\"}]", "{\"foo\":\"bar\"}")]
    [InlineData("{\"foo\":[\"bar\",\"qux\",\"baz\"]}", "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]", "{\"baz\":\"boo\",\"foo\":\"bar\"}")]
    [InlineData("{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}",
        "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]",
        "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}")]
    [InlineData("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}", "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]",
        "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}")]
    [InlineData("{\"foo\":[\"bar\"]}", "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]", "{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}")]
    [InlineData("{\"a\":{\"b\":1}}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}]", "{\"a\":{\"b\":1},\"c\":{\"b\":1}}")]
    [InlineData("{\"/\":9,\"~1\":10}", "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10},{\"op\":\"replace\",\"path\":\"/~1\",\"value\":1}]", "{\"/\":1,\"~1\":10}")]
    [InlineData("{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"b\":2}}]", "{\"b\":2}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2.0}]",
        "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}")]
    public void Rfc_examples(string doc, string ops, string expected) => Assert.Equal(expected, Apply(doc, ops));

    [Theory]
    [InlineData("{\"baz\":\"qux\"}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/nope\"}]")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"/nope\",\"value\":1}]")]
    [InlineData("{\"foo\":[1]}", "[{\"op\":\"add\",\"path\":\"/foo/01\",\"value\":1}]")]
    [InlineData("{\"foo\":[1]}", "[{\"op\":\"add\",\"path\":\"/foo/5\",\"value\":1}]")]
    [InlineData("{\"foo\":1}", "[{\"op\":\"frob\",\"path\":\"/foo\"}]")]
    [InlineData("{\"foo\":1}", "[{\"op\":\"add\",\"path\":\"/bar\"}]")]
    public void Failures_throw_patch_exception(string doc, string ops) =>
        Assert.Throws<PatchException>(() => Apply(doc, ops));

    [Fact]
    public void A_failed_patch_leaves_the_document_untouched()
    {
        var doc = JsonNode.Parse("{\"a\":1}")!;
        var ops = JsonNode.Parse("[{\"op\":\"add\",\"path\":\"/b\",\"value\":2},{\"op\":\"test\",\"path\":\"/a\",\"value\":3}]")!.AsArray();
        Assert.Throws<PatchException>(() => JsonPatch.Apply(doc, ops));
        Assert.Equal("{\"a\":1}", doc.ToJsonString());
    }

    [Fact]
    public void Kubectl_style_label_patch_with_escaped_slash()
    {
        Assert.Equal("{\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"web\"}}}",
            Apply("{\"metadata\":{\"labels\":{}}}", "[{\"op\":\"add\",\"path\":\"/metadata/labels/app.kubernetes.io~1name\",\"value\":\"web\"}]"));
    }
}
