using System.Net;
using System.Text;
using EdgeOrch.E2E.Tests.Harness;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EdgeOrch.E2E.Tests;

/// <summary>Errors come back as Kubernetes reports them (status codes, Status bodies, kubectl's messages).</summary>
[Trait("Category", "E2E")]
public sealed class ErrorTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ErrorTests(ServerFixture fixture) => _f = fixture;

    [Fact]
    public async Task InvalidNameIsRejectedAndNothingIsStored()
    {
        var ns = await _f.CreateNamespaceAsync("inv");
        var r = await _f.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n", "apply", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded, r.ToString());
        Assert.Contains("is invalid", r.StdErr);
        Assert.Contains("metadata.name", r.StdErr);
        var list = await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.DoesNotContain(list.Items, c => c.Metadata.Name == "Bad_Name");
    }

    [Fact]
    public async Task InvalidSpecIsRejectedWithTheFieldPath()
    {
        var ns = await _f.CreateNamespaceAsync("inv");
        const string manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: negative
            spec:
              replicas: -1
              selector:
                matchLabels:
                  app: x
              template:
                metadata:
                  labels:
                    app: x
                spec:
                  containers:
                    - name: c
                      image: busybox
            """;
        var r = await _f.KubectlWithInputAsync(manifest, "apply", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded, r.ToString());
        Assert.Contains("is invalid", r.StdErr);
        Assert.Contains("spec.replicas", r.StdErr);
        var get = await _f.KubectlAsync("get", "deploy", "negative", "-n", ns);
        Assert.False(get.Succeeded, "nothing may be stored:\n" + get);
    }

    [Fact]
    public async Task UnknownFieldIsRejectedByStrictFieldValidation()
    {
        var ns = await _f.CreateNamespaceAsync("strict");
        const string manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: typo
            dataa:
              k: v
            """;
        var r = await _f.KubectlWithInputAsync(manifest, "apply", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded, r.ToString());
        Assert.Contains("dataa", r.StdErr);
        Assert.False((await _f.KubectlAsync("get", "cm", "typo", "-n", ns)).Succeeded);
    }

    [Fact]
    public async Task CreateTwiceIsAlreadyExists()
    {
        var ns = await _f.CreateNamespaceAsync("dup");
        const string manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n";
        var first = await _f.KubectlWithInputAsync(manifest, "create", "-n", ns, "-f", "-");
        Assert.True(first.Succeeded, first.ToString());
        var r = await _f.KubectlWithInputAsync(manifest, "create", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded);
        Assert.Contains("Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"dup\" already exists", r.StdErr);
    }

    [Fact]
    public async Task ReplaceWithStaleResourceVersionIsConflict()
    {
        var ns = await _f.CreateNamespaceAsync("stale");
        var client = _f.Kubernetes;
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, ns);
        var stale = await client.CoreV1.ReadNamespacedConfigMapAsync("c", ns);

        created.Data["v"] = "2";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns);
        Assert.NotEqual(stale.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        stale.Data["v"] = "3";
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "c", ns));
        Assert.Equal(HttpStatusCode.Conflict, ex.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", ex.Response.Content.Replace(" ", ""));
        Assert.Equal("2", (await client.CoreV1.ReadNamespacedConfigMapAsync("c", ns)).Data["v"]);
    }

    [Fact]
    public async Task MalformedInputIsAnError()
    {
        var ns = await _f.CreateNamespaceAsync("bad");
        var r = await _f.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  data: {\n", "create", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded, r.ToString());
        Assert.Contains("error", r.StdErr, StringComparison.OrdinalIgnoreCase);

        // The server itself must reject a body that is not JSON with a 400 Status.
        using var http = _f.CreateHttpClient(withToken: true);
        using var content = new StringContent("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        var status = Json.ParseObject(body);
        Json.AssertValue(status, "kind", "Status");
        Json.AssertValue(status, "status", "Failure");
        Json.AssertValue(status, "code", "400");
    }

    [Fact]
    public async Task RequestsWithoutAValidTokenAre401WithAStatusBody()
    {
        using var anonymous = _f.CreateHttpClient(withToken: false);
        using var response = await anonymous.GetAsync("/api/v1/namespaces");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"expected 401, got {(int)response.StatusCode}: {body}");
        var status = Json.ParseObject(body);
        Json.AssertValue(status, "kind", "Status");
        Json.AssertValue(status, "apiVersion", "v1");
        Json.AssertValue(status, "status", "Failure");
        Json.AssertValue(status, "reason", "Unauthorized");
        Json.AssertValue(status, "code", "401");

        using var wrong = _f.CreateHttpClient(withToken: false);
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        using var wrongResponse = await wrong.GetAsync("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);

        using var post = await anonymous.PostAsync("/api/v1/namespaces",
            new StringContent("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"sneaky"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.False((await _f.KubectlAsync("get", "ns", "sneaky")).Succeeded, "an unauthenticated create must store nothing");
    }

    [Fact]
    public async Task HealthEndpointsNeedNoToken()
    {
        using var anonymous = _f.CreateHttpClient(withToken: false);
        foreach (var path in new[] { "/healthz", "/livez", "/readyz" })
        {
            using var r = await anonymous.GetAsync(path);
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {(int)r.StatusCode} {body}");
            Assert.Equal("ok", body.Trim());
        }
        using var v = await anonymous.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, v.StatusCode);
        Assert.StartsWith("v", Json.Str(Json.ParseObject(await v.Content.ReadAsStringAsync()), "gitVersion"));
    }

    [Fact]
    public async Task CreateInAMissingNamespaceIsNotFound()
    {
        var r = await _f.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
            "create", "-f", "-", "-n", "no-such-ns-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.False(r.Succeeded);
        Assert.Contains("NotFound", r.StdErr);
    }

    [Fact]
    public async Task SystemNamespacesCannotBeDeleted()
    {
        foreach (var ns in new[] { "default", "kube-system", "kube-public" })
        {
            var r = await _f.KubectlAsync("delete", "namespace", ns, "--wait=false");
            Assert.False(r.Succeeded, $"deleting {ns} must be refused:\n{r}");
            Assert.Contains("Forbidden", r.StdErr);
            Json.AssertValue(Json.ParseObject(await _f.KubectlOkAsync("get", "ns", ns, "-o", "json")), "status.phase", "Active");
        }
    }

    [Fact]
    public async Task DeletingANamespaceDeletesItsContents()
    {
        var ns = await _f.CreateNamespaceAsync("doomed");
        for (var i = 0; i < 3; i++)
        {
            await _f.CreateConfigMapAsync(ns, $"c{i}");
        }
        await _f.Kubernetes.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, ns);
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        var del = await _f.KubectlAsync("delete", "namespace", ns, "--timeout=20s");
        Assert.True(del.Succeeded, del.ToString());

        // Kubernetes finalizes namespaces asynchronously: allow a short while for it to disappear.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (await _f.KubectlAsync("get", "ns", ns)).Succeeded)
        {
            await Task.Delay(250);
        }
        var get = await _f.KubectlAsync("get", "ns", ns);
        Assert.False(get.Succeeded, $"namespace {ns} still exists 20 s after delete:\n{get}");

        var all = await _f.Kubernetes.CoreV1.ListConfigMapForAllNamespacesAsync();
        Assert.DoesNotContain(all.Items, c => c.Metadata.NamespaceProperty == ns);
        var secrets = await _f.Kubernetes.CoreV1.ListSecretForAllNamespacesAsync();
        Assert.DoesNotContain(secrets.Items, s => s.Metadata.NamespaceProperty == ns);
        var direct = await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.Empty(direct.Items);
        Assert.DoesNotContain((await _f.Kubernetes.AppsV1.ListDeploymentForAllNamespacesAsync()).Items, d => d.Metadata.NamespaceProperty == ns);
        Assert.DoesNotContain((await _f.Kubernetes.CoreV1.ListServiceForAllNamespacesAsync()).Items, s => s.Metadata.NamespaceProperty == ns);

        // The name is free again, and the new namespace holds none of the old objects (only what controllers add).
        await _f.KubectlOkAsync("create", "namespace", ns);
        Assert.DoesNotContain((await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name.StartsWith('c'));
    }
}
