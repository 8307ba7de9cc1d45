using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Discovery;

namespace EdgeOrch.ApiServer.Tests.Discovery;

public sealed class DiscoveryDocumentsTests
{
    private const string Aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

    private static JsonObject Get(DiscoveryDocuments docs, string path, string? accept, string expectedContentType)
    {
        Assert.True(docs.TryGet(path, accept, out var body, out var contentType), path);
        Assert.Equal(expectedContentType, contentType);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public void Legacy_lists_name_every_builtin_resource_with_scope_and_short_names()
    {
        var docs = new DiscoveryDocuments(new ResourceRegistry());
        Assert.Equal(["v1"], Get(docs, "/api", "application/json", "application/json")["versions"]!.AsArray().Select(v => (string)v!));
        var groups = Get(docs, "/apis", null, "application/json")["groups"]!.AsArray();
        Assert.Contains(groups, g => (string)g!["name"]! == "apps" && (string)g["preferredVersion"]!["groupVersion"]! == "apps/v1");
        Assert.DoesNotContain(groups, g => (string)g!["name"]! == "");

        foreach (var t in BuiltinResources.Types)
        {
            var path = t.Group.Length == 0 ? $"/api/{t.Version}" : $"/apis/{t.Group}/{t.Version}";
            var list = Get(docs, path, "application/json", "application/json");
            Assert.Equal("APIResourceList", (string)list["kind"]!);
            Assert.Equal(t.ApiVersion, (string)list["groupVersion"]!);
            var entry = list["resources"]!.AsArray().Single(r => (string)r!["name"]! == t.Plural)!;
            Assert.Equal(t.Kind, (string)entry["kind"]!);
            Assert.Equal(t.Namespaced, (bool)entry["namespaced"]!);
            Assert.Equal(t.SingularName, (string)entry["singularName"]!);
            Assert.Equal(t.ShortNames, entry["shortNames"]?.AsArray().Select(s => (string)s!).ToArray() ?? []);
            Assert.Contains("patch", entry["verbs"]!.AsArray().Select(v => (string)v!));
        }
    }

    [Fact]
    public void Subresources_are_separate_entries_with_their_response_kind()
    {
        var docs = new DiscoveryDocuments(new ResourceRegistry());
        var apps = Get(docs, "/apis/apps/v1/", null, "application/json")["resources"]!.AsArray();
        var scale = apps.Single(r => (string)r!["name"]! == "deployments/scale")!;
        Assert.Equal(("autoscaling", "v1", "Scale"), ((string)scale["group"]!, (string)scale["version"]!, (string)scale["kind"]!));
        Assert.Equal("Deployment", (string)apps.Single(r => (string)r!["name"]! == "deployments/status")!["kind"]!);
        Assert.DoesNotContain(apps, r => (string)r!["name"]! == "daemonsets/scale");

        var core = Get(docs, "/api/v1", null, "application/json")["resources"]!.AsArray();
        Assert.Contains(core, r => (string)r!["name"]! == "pods/status");
        Assert.DoesNotContain(core, r => (string)r!["name"]! == "pods/log"); // not served unless the server says so

        var served = new DiscoveryDocuments(new ResourceRegistry(), ["pods/log", "pods/eviction"]);
        core = Get(served, "/api/v1", null, "application/json")["resources"]!.AsArray();
        Assert.Equal(["get"], core.Single(r => (string)r!["name"]! == "pods/log")!["verbs"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("policy", (string)core.Single(r => (string)r!["name"]! == "pods/eviction")!["group"]!);
        Assert.Throws<ArgumentException>(() => new DiscoveryDocuments(new ResourceRegistry(), ["pods/nonsense"]));
    }

    [Fact]
    public void Aggregated_discovery_carries_every_resource_in_the_apidiscovery_shape()
    {
        var docs = new DiscoveryDocuments(new ResourceRegistry());
        var apis = Get(docs, "/apis", Aggregated, AcceptNegotiator.AggregatedV2ContentType);
        Assert.Equal(("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2"), ((string)apis["kind"]!, (string)apis["apiVersion"]!));
        var api = Get(docs, "/api", Aggregated, AcceptNegotiator.AggregatedV2ContentType);
        Assert.Null(api["items"]![0]!["metadata"]!["name"]); // the core group has no name

        var all = apis["items"]!.AsArray().Concat(api["items"]!.AsArray())
            .SelectMany(g => g!["versions"]!.AsArray().SelectMany(v => v!["resources"]!.AsArray().Select(r => (Group: g["metadata"]!["name"]?.GetValue<string>() ?? "", Version: (string)v["version"]!, R: r!))))
            .ToList();
        Assert.Equal(BuiltinResources.Types.Count, all.Count);
        foreach (var t in BuiltinResources.Types)
        {
            var (_, _, r) = all.Single(x => x.Group == t.Group && x.Version == t.Version && (string)x.R["resource"]! == t.Plural);
            Assert.Equal(t.Namespaced ? "Namespaced" : "Cluster", (string)r["scope"]!);
            Assert.Equal(t.SingularName, (string)r["singularResource"]!);
            Assert.Equal(t.Kind, (string)r["responseKind"]!["kind"]!);
            Assert.Equal(t.Group, (string)r["responseKind"]!["group"]!);
            Assert.Equal(t.ShortNames, r["shortNames"]?.AsArray().Select(s => (string)s!).ToArray() ?? []);
            var subs = r["subresources"]?.AsArray().Select(s => (string)s!["subresource"]!).ToList() ?? [];
            Assert.Equal(t.HasStatus, subs.Contains("status"));
            Assert.Equal(t.HasScale, subs.Contains("scale"));
        }
        var deployments = all.Single(x => (string)x.R["resource"]! == "deployments").R;
        var scale = deployments["subresources"]!.AsArray().Single(s => (string)s!["subresource"]! == "scale")!;
        Assert.Equal("autoscaling", (string)scale["responseKind"]!["group"]!);
        Assert.Equal(["all"], deployments["categories"]!.AsArray().Select(c => (string)c!));
        Assert.All(apis["items"]!.AsArray(), g => Assert.Equal("Current", (string)g!["versions"]![0]!["freshness"]!));

        var beta = Get(docs, "/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", AcceptNegotiator.AggregatedV2Beta1ContentType);
        Assert.Equal("apidiscovery.k8s.io/v2beta1", (string)beta["apiVersion"]!);
        // Resource lists ignore the aggregated Accept.
        Assert.Equal("APIResourceList", (string)Get(docs, "/api/v1", Aggregated, "application/json")["kind"]!);
    }

    [Fact]
    public void Custom_resources_appear_and_disappear_with_the_registry_preferred_version_first()
    {
        var registry = new ResourceRegistry();
        var docs = new DiscoveryDocuments(registry);
        Assert.False(docs.TryGet("/apis/example.com/v1", null, out _, out _));

        registry.SetCustom("example.com", "widgets",
        [
            new ResourceType("example.com", "v1beta1", "Widget", "widgets", false, ["wd"]) { IsCustom = true },
            new ResourceType("example.com", "v1", "Widget", "widgets", false, ["wd"], HasStatus: true) { IsCustom = true },
        ]);

        var group = Get(docs, "/apis/example.com", null, "application/json");
        Assert.Equal("APIGroup", (string)group["kind"]!);
        Assert.Equal("example.com/v1", (string)group["preferredVersion"]!["groupVersion"]!);
        Assert.Equal(["v1", "v1beta1"], group["versions"]!.AsArray().Select(v => (string)v!["version"]!));
        var aggregated = Get(docs, "/apis", Aggregated, AcceptNegotiator.AggregatedV2ContentType);
        var item = aggregated["items"]!.AsArray().Single(g => (string?)g!["metadata"]!["name"] == "example.com")!;
        Assert.Equal("v1", (string)item["versions"]![0]!["version"]!);
        Assert.Equal("Cluster", (string)item["versions"]![0]!["resources"]![0]!["scope"]!);
        Assert.Contains("widgets/status", Get(docs, "/apis/example.com/v1", null, "application/json")["resources"]!.AsArray().Select(r => (string)r!["name"]!));

        registry.RemoveCustom("example.com", "widgets");
        Assert.False(docs.TryGet("/apis/example.com/v1", null, out _, out _));
        Assert.DoesNotContain("example.com", Get(docs, "/apis", null, "application/json")["groups"]!.AsArray().Select(g => (string)g!["name"]!));
    }
}
