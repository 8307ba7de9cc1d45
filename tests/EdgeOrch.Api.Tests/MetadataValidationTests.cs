using System.Text.Json.Nodes;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class MetadataValidationTests
{
    private static List<string> Create(string kind, string json) =>
        Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin(kind), Manifests.Json(json)));

    [Fact]
    public void NameOrGenerateNameIsRequired()
    {
        Assert.Equal(["metadata.name: Required value: name or generateName is required"],
            Create("ConfigMap", """{"metadata":{"namespace":"default"}}"""));
        Assert.Empty(Create("ConfigMap", """{"metadata":{"generateName":"cfg-","namespace":"default"}}"""));
    }

    [Fact]
    public void InvalidNameUsesTheKindsRule()
    {
        var errs = Create("ConfigMap", """{"metadata":{"name":"Web","namespace":"default"}}""");
        Assert.Equal(["metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"], errs);

        // Namespaces are DNS labels, Services DNS-1035 labels.
        Assert.Equal(["metadata.name: Invalid value: \"a.b\": must not contain dots"], Create("Namespace", """{"metadata":{"name":"a.b"}}"""));
        Assert.Single(Create("Service", """{"metadata":{"name":"1web","namespace":"default"},"spec":{"ports":[{"port":80,"protocol":"TCP"}]}}"""));
        // RBAC names are path segments: colons are fine.
        Assert.Empty(Create("ClusterRole", """{"metadata":{"name":"system:controller:x"}}"""));
    }

    [Fact]
    public void NamespaceRules()
    {
        Assert.Equal(["metadata.namespace: Required value"], Create("ConfigMap", """{"metadata":{"name":"a"}}"""));
        Assert.Equal(["metadata.namespace: Forbidden: not allowed on this type"], Create("Namespace", """{"metadata":{"name":"a","namespace":"x"}}"""));
        Assert.Single(Create("ConfigMap", """{"metadata":{"name":"a","namespace":"Bad_NS"}}"""));
    }

    [Fact]
    public void LabelsAndAnnotations()
    {
        var errs = Create("ConfigMap", """{"metadata":{"name":"a","namespace":"d","labels":{"bad key":"x","ok":"bad value"}}}""");
        Assert.Equal(2, errs.Count);
        Assert.StartsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of", errs[0]);
        Assert.StartsWith("metadata.labels: Invalid value: \"bad value\": a valid label must be", errs[1]);

        var big = new JsonObject { ["name"] = "a", ["namespace"] = "d", ["annotations"] = new JsonObject { ["k"] = new string('x', 256 * 1024) } };
        var tooLong = ObjectValidator.ValidateCreate(Manifests.Builtin("ConfigMap"), new JsonObject { ["metadata"] = big });
        Assert.Equal(["metadata.annotations: Too long: must have at most 262144 bytes"], Errors.Lines(tooLong));
        Assert.Equal("FieldValueTooLong", tooLong[0].Reason);
    }

    [Fact]
    public void FinalizersMustBeQualifiedUnlessStandard()
    {
        Assert.Empty(Create("ConfigMap", """{"metadata":{"name":"a","namespace":"d","finalizers":["kubernetes","example.com/x"]}}"""));
        Assert.Equal(["metadata.finalizers: Invalid value: \"mine\": name is neither a standard finalizer name nor is it fully qualified"],
            Create("ConfigMap", """{"metadata":{"name":"a","namespace":"d","finalizers":["mine"]}}"""));
    }

    [Fact]
    public void NameIsImmutableOnUpdate()
    {
        var old = Manifests.Json("""{"metadata":{"name":"a","namespace":"d","uid":"1"}}""");
        var renamed = Manifests.Json("""{"metadata":{"name":"b","namespace":"d"}}""");
        Assert.Equal(["metadata.name: Invalid value: \"b\": field is immutable"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("ConfigMap"), renamed, old)));
    }

    [Fact]
    public void CustomResourcesGetMetadataValidationOnly()
    {
        var vpa = Manifests.Load("vpa.yaml").Single();
        var type = Manifests.TypeOf(vpa);
        Assert.Equal(["metadata.namespace: Required value"], Errors.Lines(ObjectValidator.ValidateCreate(type, vpa)));
        vpa["metadata"]!["namespace"] = "default";
        vpa["spec"] = "anything goes";
        Assert.Empty(ObjectValidator.ValidateCreate(type, vpa));
    }
}
