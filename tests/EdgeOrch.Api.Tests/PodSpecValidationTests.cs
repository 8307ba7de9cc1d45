using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class PodSpecValidationTests
{
    private static List<string> Pod(string specJson)
    {
        var pod = new JsonObject { ["metadata"] = Manifests.Json("""{"name":"p","namespace":"default"}"""), ["spec"] = Manifests.Json(specJson) };
        ObjectDefaulter.Apply(Manifests.Builtin("Pod"), pod);
        return Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin("Pod"), pod));
    }

    [Fact]
    public void NeedsAContainer() => Assert.Equal(["spec.containers: Required value"], Pod("""{"containers":[]}"""));

    [Fact]
    public void ContainerNamesAreUniqueDnsLabelsAndImageIsRequired()
    {
        var errs = Pod("""{"containers":[{"name":"App","image":"a"},{"name":"b","image":"b"},{"name":"b"}]}""");
        Assert.Equal(3, errs.Count);
        Assert.StartsWith("spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label", errs[0]);
        Assert.Equal("spec.containers[2].name: Duplicate value: \"b\"", errs[1]);
        Assert.Equal("spec.containers[2].image: Required value", errs[2]);
    }

    [Fact]
    public void PortsProtocolAndRestartPolicy()
    {
        Assert.Equal(
        [
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
        ], Pod("""{"restartPolicy":"Sometimes","containers":[{"name":"a","image":"a","ports":[{"containerPort":70000},{"containerPort":80,"protocol":"HTTP"}]}]}"""));
    }

    [Fact]
    public void RequestsMayNotExceedLimitsAndQuantitiesMustParse()
    {
        Assert.Equal(["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"],
            Pod("""{"containers":[{"name":"a","image":"a","resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}]}"""));
        var errs = Pod("""{"containers":[{"name":"a","image":"a","resources":{"limits":{"memory":"lots"}}}]}""");
        Assert.Contains("spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", errs);
    }

    [Fact]
    public void EnvNamesAndVolumeMounts()
    {
        Assert.Equal(
        [
            "spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
            "spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
        ], Pod("""{"containers":[{"name":"a","image":"a","env":[{"name":"1X","value":"v"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}"""));
    }

    [Fact]
    public void VolumeNamesAreUnique()
    {
        Assert.Equal(["spec.volumes[1].name: Duplicate value: \"v\""],
            Pod("""{"volumes":[{"name":"v"},{"name":"v","configMap":{"name":"c"}}],"containers":[{"name":"a","image":"a","volumeMounts":[{"name":"v","mountPath":"/v"}]}]}"""));
    }

    [Fact]
    public void LivenessProbeSuccessThresholdMustBeOne()
    {
        Assert.Equal(["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"],
            Pod("""{"containers":[{"name":"a","image":"a","livenessProbe":{"httpGet":{"port":80},"successThreshold":2}}]}"""));
    }

    [Fact]
    public void PodSpecIsImmutableExceptImages()
    {
        var type = Manifests.Builtin("Pod");
        var old = Manifests.Load("pod-security.yaml").Single();
        old["metadata"]!["namespace"] = "default";
        ObjectDefaulter.Apply(type, old);
        var newImage = old.DeepClone().AsObject();
        newImage["spec"]!["containers"]![0]!["image"] = "busybox:1.36";
        Assert.Empty(ObjectValidator.ValidateUpdate(type, newImage, old));
        var newCommand = old.DeepClone().AsObject();
        newCommand["spec"]!["containers"]![0]!["command"] = new JsonArray((JsonNode)"true");
        Assert.StartsWith("spec: Forbidden: pod updates may not change fields other than", Assert.Single(Errors.Lines(ObjectValidator.ValidateUpdate(type, newCommand, old))));
    }
}
