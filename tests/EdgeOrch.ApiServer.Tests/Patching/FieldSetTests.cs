using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class FieldSetTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A fieldsV1 as a Kubernetes API server writes it for kubectl create of a Deployment (abridged).
    private const string Sample = """
        {"f:metadata":{"f:finalizers":{".":{},"v:\"example.com/x\"":{}},"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},
           "f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}
        """;

    [Fact]
    public void Fields_v1_round_trips()
    {
        var expected = JsonNode.Parse(Sample)!.ToJsonString(Relaxed);
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(Sample)!.AsObject());
        Assert.Equal(expected, set.ToFieldsV1().ToJsonString(Relaxed));
        Assert.True(set.Contains(["f:metadata", "f:labels"]));
        Assert.True(set.Contains(["f:metadata", "f:labels", "f:app"]));
        Assert.False(set.Contains(["f:spec"]));
        Assert.True(set.HasMemberUnder(["f:spec"]));
    }

    [Fact]
    public void Set_operations_work_on_members()
    {
        var a = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:a":{},"f:b":{"f:c":{}}}""")!.AsObject());
        var b = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:b":{"f:c":{}},"f:d":{}}""")!.AsObject());
        Assert.Equal("""{"f:a":{}}""", a.Except(b).ToFieldsV1().ToJsonString());
        Assert.Equal("""{"f:b":{"f:c":{}}}""", a.Intersect(b).ToFieldsV1().ToJsonString());
        Assert.Equal(3, a.Union(b).Count);
    }

    [Fact]
    public void Paths_display_like_kubernetes()
    {
        Assert.Equal(".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
            FieldPath.Display(["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}", "f:ports", "k:{\"containerPort\":80,\"protocol\":\"TCP\"}"]));
        Assert.Equal(".metadata.finalizers[=\"a\"]", FieldPath.Display(["f:metadata", "f:finalizers", "v:\"a\""]));
    }
}
