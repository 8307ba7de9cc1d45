using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.OpenApi;

namespace EdgeOrch.ApiServer.Tests.OpenApi;

public sealed class UnknownFieldCheckerTests
{
    private static readonly ResourceRegistry Registry = new();

    private static ResourceType Pod => Registry.Find("", "v1", "pods")!;

    [Fact]
    public void Finds_unknown_fields_of_a_pod_with_their_paths()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},
             "spec":{"containers":[{"name":"c","image":"busybox","ports":[{"containerPort":80,"bogus":1}]},{"name":"d","foo":true}],
                     "bar":1},
             "extra":{}}
            """)!.AsObject();

        var found = UnknownFieldChecker.Find(Pod, pod);

        Assert.Equal([".spec.containers[0].ports[0].bogus", ".spec.containers[1].foo", ".spec.bar", ".extra"], found);
    }

    [Fact]
    public void Formats_the_strict_error_and_warnings_like_the_api_server()
    {
        string[] paths = [".spec.foo", ".spec.containers[0].bar"];
        Assert.Equal("strict decoding error: unknown field \"spec.foo\", unknown field \"spec.containers[0].bar\"",
            UnknownFieldChecker.StrictDecodingError(paths));
        Assert.Equal(["unknown field \"spec.foo\"", "unknown field \"spec.containers[0].bar\""], UnknownFieldChecker.WarningTexts(paths));
    }

    [Fact]
    public void Valid_example_manifests_have_no_unknown_fields()
    {
        var checkedKinds = 0;
        foreach (var (file, obj) in ExampleManifests.All())
        {
            var type = Registry.FindByKind((string)obj["apiVersion"]!, (string)obj["kind"]!);
            if (type is null)
                continue; // the VPA custom resource: its CRD is not in this registry
            Assert.True(UnknownFieldChecker.Find(type, obj).Count == 0,
                $"{file} {type.Kind}: {string.Join(", ", UnknownFieldChecker.Find(type, obj))}");
            checkedKinds++;
        }
        Assert.True(checkedKinds >= 10, $"only {checkedKinds} objects checked");
    }

    [Fact]
    public void Metadata_apiVersion_and_kind_are_always_allowed_and_maps_accept_any_key()
    {
        var cm = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","whatever":1},"data":{"any-key":"v","other":"w"}}
            """)!.AsObject();
        Assert.Empty(UnknownFieldChecker.Find(Registry.Find("", "v1", "configmaps")!, cm));
    }

    [Fact]
    public void Custom_resource_uses_the_crd_schema()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
               "spec":{"type":"object","properties":{
                  "size":{"type":"integer"},
                  "items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}},
                  "labels":{"type":"object","additionalProperties":{"type":"string"}},
                  "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
                  "template":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object","properties":{"a":{"type":"string"}}}}}}}}}
            """)!.AsObject();
        var type = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true, Schema = schema };
        var obj = JsonNode.Parse("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
             "spec":{"size":1,"colour":"red","items":[{"name":"a","x":1}],"labels":{"k":"v"},"free":{"anything":{"deep":1}},
                     "template":{"apiVersion":"v1","kind":"Pod","metadata":{},"spec":{"a":"1","b":"2"}}}}
            """)!.AsObject();

        Assert.Equal([".spec.colour", ".spec.items[0].x", ".spec.template.spec.b"], UnknownFieldChecker.Find(type, obj));
    }

    [Fact]
    public void Custom_resource_without_schema_accepts_everything()
    {
        var type = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true };
        var obj = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","spec":{"anything":1},"top":2}""")!.AsObject();
        Assert.Empty(UnknownFieldChecker.Find(type, obj));
    }

    [Fact]
    public void Vpa_example_is_valid_against_its_crd_schema()
    {
        var crd = ExampleManifests.All().Single(e => e.File == "vpa-crd.yaml").Object;
        var version = crd["spec"]!["versions"]![0]!;
        var type = new ResourceType("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler", "verticalpodautoscalers", true, ["vpa"])
        {
            IsCustom = true,
            Schema = version["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject(),
        };
        var vpa = ExampleManifests.All().Single(e => e.File == "vpa.yaml").Object;
        Assert.Empty(UnknownFieldChecker.Find(type, vpa));
        vpa["oops"] = 1;
        Assert.Equal([".oops"], UnknownFieldChecker.Find(type, vpa));
    }
}
