using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.OpenApi;

namespace EdgeOrch.ApiServer.Tests.OpenApi;

public sealed class OpenApiDocumentsTests
{
    private static JsonObject Parse(byte[] body) => JsonNode.Parse(body)!.AsObject();

    private static JsonObject Document(OpenApiDocuments docs, ResourceType t)
    {
        var doc = docs.GroupVersion(t.Group, t.Version);
        Assert.NotNull(doc);
        return Parse(doc.Body);
    }

    [Fact]
    public void Index_lists_every_group_version_with_a_hash_url_that_serves_the_document()
    {
        var docs = new OpenApiDocuments(new ResourceRegistry());
        Assert.True(docs.TryGet("/openapi/v3", out var body, out var contentType));
        Assert.Equal("application/json", contentType);
        var paths = Parse(body)["paths"]!.AsObject();

        var expected = BuiltinResources.Types.Select(t => t.Group.Length == 0 ? $"api/{t.Version}" : $"apis/{t.Group}/{t.Version}").Distinct();
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (key, entry) in paths)
        {
            var url = (string)entry!["serverRelativeURL"]!;
            Assert.StartsWith($"/openapi/v3/{key}?hash=", url, StringComparison.Ordinal);
            Assert.True(docs.TryGetResponse(url, url[(url.IndexOf('=') + 1)..], out var response));
            Assert.Null(response.RedirectTo);
            Assert.Equal(OpenApiResponse.Immutable, response.CacheControl);
            Assert.Equal("3.0.0", (string)Parse(response.Body)["openapi"]!);
        }
    }

    [Fact]
    public void Outdated_hash_redirects_and_unknown_paths_are_not_found()
    {
        var docs = new OpenApiDocuments(new ResourceRegistry());
        Assert.True(docs.TryGetResponse("/openapi/v3/apis/apps/v1", "ABC", out var response));
        Assert.Equal($"/openapi/v3/apis/apps/v1?hash={docs.GroupVersion("apps", "v1")!.Hash}", response.RedirectTo);
        Assert.True(docs.TryGetResponse("/openapi/v3/apis/apps/v1", null, out response));
        Assert.Equal(OpenApiResponse.Revalidate, response.CacheControl);
        Assert.False(docs.TryGet("/openapi/v3/apis/nope/v1", out _, out _));
        Assert.False(docs.TryGet("/openapi/v2", out _, out _));
    }

    [Fact]
    public void Every_kind_has_write_operations_declaring_fieldValidation_and_its_gvk()
    {
        var docs = new OpenApiDocuments(new ResourceRegistry());
        foreach (var t in BuiltinResources.Types)
        {
            var paths = Document(docs, t)["paths"]!.AsObject();
            var prefix = t.Group.Length == 0 ? $"/api/{t.Version}" : $"/apis/{t.Group}/{t.Version}";
            var collection = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}" : $"{prefix}/{t.Plural}";
            var item = collection + "/{name}";

            AssertOperation(paths, collection, "get", "list", t);
            AssertOperation(paths, collection, "post", "post", t, fieldValidation: true);
            AssertOperation(paths, collection, "delete", "deletecollection", t);
            AssertOperation(paths, item, "get", "get", t);
            AssertOperation(paths, item, "put", "put", t, fieldValidation: true);
            AssertOperation(paths, item, "patch", "patch", t, fieldValidation: true);
            AssertOperation(paths, item, "delete", "delete", t);
            if (t.HasStatus)
                AssertOperation(paths, item + "/status", "patch", "patch", t, fieldValidation: true);
            if (t.HasScale)
                Assert.Equal("Scale", (string)paths[item + "/scale"]!["patch"]!["x-kubernetes-group-version-kind"]!["kind"]!);
        }
    }

    private static void AssertOperation(JsonObject paths, string path, string method, string action, ResourceType t, bool fieldValidation = false)
    {
        var op = paths[path]?[method];
        Assert.True(op is not null, $"{method} {path} missing");
        Assert.Equal(action, (string)op["x-kubernetes-action"]!);
        var gvk = op["x-kubernetes-group-version-kind"]!;
        Assert.Equal((t.Group, t.Version, t.Kind), ((string)gvk["group"]!, (string)gvk["version"]!, (string)gvk["kind"]!));
        var names = op["parameters"]!.AsArray().Where(p => (string)p!["in"]! == "query").Select(p => (string)p!["name"]!).ToList();
        Assert.Equal(fieldValidation, names.Contains("fieldValidation"));
    }

    [Fact]
    public void Every_reference_resolves_and_every_kind_schema_carries_its_gvk()
    {
        var docs = new OpenApiDocuments(new ResourceRegistry());
        foreach (var gv in BuiltinResources.Types.GroupBy(t => (t.Group, t.Version)))
        {
            var doc = Document(docs, gv.First());
            var schemas = doc["components"]!["schemas"]!.AsObject();
            foreach (var r in SchemaRefs.In(doc))
                Assert.True(schemas.ContainsKey(r), $"{gv.Key}: dangling $ref {r}");
            foreach (var t in gv)
            {
                var kind = schemas.Single(s => s.Value!["x-kubernetes-group-version-kind"] is JsonArray a
                    && a.Any(g => (string)g!["kind"]! == t.Kind && (string)g["group"]! == t.Group && (string)g["version"]! == t.Version));
                Assert.NotNull(kind.Value!["properties"]?["metadata"]);
                Assert.Contains(schemas, s => s.Value!["x-kubernetes-group-version-kind"]?[0]?["kind"]?.GetValue<string>() == t.ListKind);
            }
            foreach (var common in new[] { "ObjectMeta", "ListMeta", "Status", "DeleteOptions" })
                Assert.True(schemas.ContainsKey($"io.k8s.apimachinery.pkg.apis.meta.v1.{common}"), $"{gv.Key}: {common}");
        }
    }

    [Fact]
    public void Explain_data_reaches_the_containers_of_a_deployment_template()
    {
        var docs = new OpenApiDocuments(new ResourceRegistry());
        var schemas = Parse(docs.GroupVersion("apps", "v1")!.Body)["components"]!["schemas"]!.AsObject();
        JsonObject Follow(JsonObject schema, string field)
        {
            var prop = schema["properties"]![field]!.AsObject();
            if (prop["items"] is JsonObject items)
                prop = items;
            var reference = (string?)prop["$ref"] ?? (string)prop["allOf"]![0]!["$ref"]!;
            return schemas[reference["#/components/schemas/".Length..]]!.AsObject();
        }

        var deployment = schemas["io.k8s.api.apps.v1.Deployment"]!.AsObject();
        Assert.StartsWith("Deployment (apps/v1)", (string)deployment["description"]!, StringComparison.Ordinal);
        var container = Follow(Follow(Follow(Follow(deployment, "spec"), "template"), "spec"), "containers");
        Assert.Equal("string", (string)container["properties"]!["image"]!["type"]!);
        Assert.Equal("array", (string)container["properties"]!["ports"]!["type"]!);
        Assert.Contains("name", container["required"]!.AsArray().Select(n => (string)n!));
        var containers = Follow(Follow(Follow(deployment, "spec"), "template"), "spec")["properties"]!["containers"]!;
        Assert.Equal("name", (string)containers["x-kubernetes-patch-merge-key"]!);
    }

    [Fact]
    public void Custom_resources_get_their_own_document_which_follows_the_registry()
    {
        var registry = new ResourceRegistry();
        var docs = new OpenApiDocuments(registry);
        Assert.Null(docs.GroupVersion("example.com", "v1"));
        var schema = JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}""")!.AsObject();
        registry.SetCustom("example.com", "widgets",
            [new ResourceType("example.com", "v1", "Widget", "widgets", true, ["wd"], HasStatus: true) { IsCustom = true, Schema = schema }]);

        Assert.Contains("apis/example.com/v1", Parse(docs.Index.Body)["paths"]!.AsObject().Select(p => p.Key));
        var doc = Parse(docs.GroupVersion("example.com", "v1")!.Body);
        var widget = doc["components"]!["schemas"]!["com.example.v1.Widget"]!;
        Assert.Equal("Widget", (string)widget["x-kubernetes-group-version-kind"]![0]!["kind"]!);
        Assert.Equal("integer", (string)widget["properties"]!["spec"]!["properties"]!["size"]!["type"]!);
        Assert.NotNull(doc["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
        var patch = doc["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string)p!["name"]! == "fieldValidation");
        Assert.NotNull(doc["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status"]);
        Assert.Null(schema["properties"]!["metadata"]); // the registry's schema is not mutated

        registry.RemoveCustom("example.com", "widgets");
        Assert.Null(docs.GroupVersion("example.com", "v1"));
    }
}
