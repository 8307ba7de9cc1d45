using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class ServiceValidationTests
{
    private static JsonObject Svc(string specJson)
    {
        var svc = new JsonObject { ["metadata"] = Manifests.Json("""{"name":"s","namespace":"default"}"""), ["spec"] = Manifests.Json(specJson) };
        ObjectDefaulter.Apply(Manifests.Builtin("Service"), svc);
        return svc;
    }

    private static List<string> Create(JsonObject svc) => Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin("Service"), svc));

    [Fact]
    public void PortsAreRequiredUnlessHeadlessOrExternalName()
    {
        Assert.Equal(["spec.ports: Required value"], Create(Svc("""{"selector":{"app":"a"}}""")));
        Assert.Empty(Create(Svc("""{"clusterIP":"None","selector":{"app":"a"}}""")));
        Assert.Empty(Create(Svc("""{"type":"ExternalName","externalName":"db.example.com"}""")));
        Assert.Equal(["spec.externalName: Required value"], Create(Svc("""{"type":"ExternalName"}""")));
    }

    [Fact]
    public void PortRangeNamesAndProtocols()
    {
        Assert.Equal(
        [
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].name: Required value",
            "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ], Create(Svc("""{"ports":[{"name":"a","port":0,"targetPort":80},{"port":81,"protocol":"HTTP"}]}""")));
    }

    [Fact]
    public void UnknownTypeAndNodePortOnClusterIP()
    {
        Assert.Contains("spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            Create(Svc("""{"type":"Magic","ports":[{"port":80}]}""")));
        Assert.Equal(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
            Create(Svc("""{"ports":[{"port":80,"nodePort":30000}]}""")));
    }

    [Fact]
    public void ClusterIPMayNotChange()
    {
        var old = Svc("""{"clusterIP":"10.43.0.5","ports":[{"port":80}]}""");
        var moved = Svc("""{"clusterIP":"10.43.0.6","ports":[{"port":80}]}""");
        Assert.Equal(["spec.clusterIPs[0]: Invalid value: []string{\"10.43.0.6\"}: may not change once set"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("Service"), moved, old)));

        // Re-applying the original manifest (no clusterIP) keeps the allocated one.
        var reapplied = Svc("""{"ports":[{"port":80}]}""");
        ServiceDefaults.PreserveAllocated(reapplied, old);
        Assert.Empty(ObjectValidator.ValidateUpdate(Manifests.Builtin("Service"), reapplied, old));
    }

    [Fact]
    public void InvalidClusterIP() =>
        Assert.Equal(["spec.clusterIPs[0]: Invalid value: \"10.43.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
            Create(Svc("""{"clusterIP":"10.43.0","ports":[{"port":80}]}""")));
}
