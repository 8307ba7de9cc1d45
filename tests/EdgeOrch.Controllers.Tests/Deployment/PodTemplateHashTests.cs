using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.Tests.ReplicaSet;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class PodTemplateHashTests
{
    [Fact]
    public void SafeEncodeMapsDigitsLikeKubernetes() => Assert.Equal("456789bcdf", PodTemplateHash.SafeEncode("0123456789"));

    [Fact]
    public void HashIsStableAcrossKeyOrderAndLooksLikeKubernetes()
    {
        var a = JsonNode.Parse("""{"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""")!.AsObject();
        var b = JsonNode.Parse("""{"spec":{"containers":[{"image":"nginx","name":"c"}]},"metadata":{"labels":{"tier":"fe","app":"web"}}}""")!.AsObject();
        var hash = PodTemplateHash.Compute(a, null);
        Assert.Equal(hash, PodTemplateHash.Compute(b, null));
        Assert.Matches("^[456789bcdf]{1,10}$", hash);
        Assert.NotEqual(hash, PodTemplateHash.Compute(a, 1));
        Assert.NotEqual(PodTemplateHash.Compute(a, 1), PodTemplateHash.Compute(a, 2));
        Assert.NotEqual(hash, PodTemplateHash.Compute(WorkloadHarness.Template("web", "nginx:2"), null));
    }

    [Fact]
    public void EqualIgnoreHashIgnoresOnlyTheHashLabel()
    {
        var plain = WorkloadHarness.Template("web", "nginx:1");
        var hashed = plain.DeepClone().AsObject();
        hashed["metadata"]!["labels"]!["pod-template-hash"] = "5d4c7b9f8";
        Assert.True(PodTemplateHash.EqualIgnoreHash(plain, hashed));
        Assert.False(PodTemplateHash.EqualIgnoreHash(plain, WorkloadHarness.Template("web", "nginx:2")));
    }
}
