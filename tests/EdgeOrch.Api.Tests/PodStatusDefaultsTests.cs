using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Tests;

public sealed class PodStatusDefaultsTests
{
    private static string Qos(string containersJson)
    {
        var pod = Manifests.Json("""{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":""" + containersJson + "}}");
        ObjectDefaulter.Apply(Manifests.Builtin("Pod"), pod);
        PodStatusDefaults.ResetForCreate(pod);
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        return (string)pod["status"]!["qosClass"]!;
    }

    [Fact]
    public void BestEffortWithoutResources() => Assert.Equal("BestEffort", Qos("""[{"name":"a","image":"x"}]"""));

    [Fact]
    public void GuaranteedWhenLimitsCoverCpuAndMemory() =>
        // Requests default to the limits on pods, so limits alone make a pod Guaranteed.
        Assert.Equal("Guaranteed", Qos("""[{"name":"a","image":"x","resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]"""));

    [Fact]
    public void BurstableOtherwise()
    {
        Assert.Equal("Burstable", Qos("""[{"name":"a","image":"x","resources":{"requests":{"cpu":"100m"}}}]"""));
        Assert.Equal("Burstable", Qos("""[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"0.5"}}}]"""));
        Assert.Equal("Burstable", Qos("""[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"}}},{"name":"b","image":"x"}]"""));
    }
}
