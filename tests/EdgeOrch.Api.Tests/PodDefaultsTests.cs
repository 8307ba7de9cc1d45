using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Tests;

public sealed class PodDefaultsTests
{
    private static JsonObject Pod(string specJson)
    {
        var pod = new JsonObject { ["metadata"] = Manifests.Json("""{"name":"p","namespace":"default"}"""), ["spec"] = Manifests.Json(specJson) };
        ObjectDefaulter.Apply(Manifests.Builtin("Pod"), pod);
        return pod;
    }

    private static JsonNode Container(JsonObject pod, int i = 0) => pod["spec"]!["containers"]![i]!;

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/nginx", "Always")]
    [InlineData("localhost:5000/nginx:alpine", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void ImagePullPolicyFollowsTheTag(string image, string policy)
    {
        var pod = Pod($$"""{"containers":[{"name":"a","image":"{{image}}"}]}""");
        Assert.Equal(policy, (string?)Container(pod)["imagePullPolicy"]);
    }

    [Fact]
    public void GivenPullPolicyIsKept() =>
        Assert.Equal("Never", (string?)Container(Pod("""{"containers":[{"name":"a","image":"x","imagePullPolicy":"Never"}]}"""))["imagePullPolicy"]);

    [Fact]
    public void ProbesGetTimingAndHttpDefaults()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"x","readinessProbe":{"httpGet":{"port":80}},"livenessProbe":{"tcpSocket":{"port":80},"periodSeconds":5}}]}""");
        Assert.Equal("""{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}""",
            Container(pod)["readinessProbe"]!.ToJsonString());
        Assert.Equal(5, (int)Container(pod)["livenessProbe"]!["periodSeconds"]!);
    }

    [Fact]
    public void VolumesGetModesAndTypes()
    {
        var pod = Pod("""
            {"containers":[{"name":"a","image":"x"}],
             "volumes":[{"name":"scratch"},{"name":"cfg","configMap":{"name":"c"}},{"name":"s","secret":{"secretName":"s"}},
                        {"name":"h","hostPath":{"path":"/tmp"}},{"name":"d","downwardAPI":{"items":[{"path":"n","fieldRef":{"fieldPath":"metadata.name"}}]}}]}
            """);
        var volumes = pod["spec"]!["volumes"]!.AsArray();
        Assert.Equal("""{"name":"scratch","emptyDir":{}}""", volumes[0]!.ToJsonString());
        Assert.Equal(420, (int)volumes[1]!["configMap"]!["defaultMode"]!);
        Assert.Equal(420, (int)volumes[2]!["secret"]!["defaultMode"]!);
        Assert.Equal("", (string?)volumes[3]!["hostPath"]!["type"]);
        Assert.Equal("v1", (string?)volumes[4]!["downwardAPI"]!["items"]![0]!["fieldRef"]!["apiVersion"]);
    }

    [Fact]
    public void PodLimitsBecomeRequestsAndQuantitiesAreCanonical()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"0.5","memory":"1024Mi"},"requests":{"memory":"512Mi"}}}]}""");
        Assert.Equal("""{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"memory":"512Mi","cpu":"500m"}}""", Container(pod)["resources"]!.ToJsonString());
    }

    [Fact]
    public void TemplatesDoNotCopyLimitsToRequests()
    {
        var d = Manifests.Json("""{"metadata":{"name":"d","namespace":"x"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":1}}}]}}}}""");
        ObjectDefaulter.Apply(Manifests.Builtin("Deployment"), d);
        Assert.Equal("""{"limits":{"cpu":"1"}}""", d["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
    }

    [Fact]
    public void HostNetworkPodsExposeContainerPortsAsHostPorts()
    {
        var pod = Pod("""{"hostNetwork":true,"containers":[{"name":"a","image":"x","ports":[{"containerPort":8080}]}]}""");
        Assert.Equal(8080, (int)Container(pod)["ports"]![0]!["hostPort"]!);
    }

    [Fact]
    public void EnvFieldRefsGetApiVersion()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"x","env":[{"name":"N","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}""");
        Assert.Equal("v1", (string?)Container(pod)["env"]![0]!["valueFrom"]!["fieldRef"]!["apiVersion"]);
    }

    [Fact]
    public void DefaultingIsIdempotent()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"0.5"}}}],"volumes":[{"name":"v"}]}""");
        var again = pod.DeepClone().AsObject();
        ObjectDefaulter.Apply(Manifests.Builtin("Pod"), again);
        Assert.True(JsonNode.DeepEquals(pod, again));
    }
}
