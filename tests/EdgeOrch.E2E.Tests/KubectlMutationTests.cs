using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;
using k8s;

namespace EdgeOrch.E2E.Tests;

/// <summary>kubectl's imperative verbs: create, label, annotate, scale, patch, edit, delete.</summary>
[Trait("Category", "E2E")]
public sealed class KubectlMutationTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public KubectlMutationTests(ServerFixture fixture) => _f = fixture;

    /// <summary>Published into every namespace by the root-CA controller, as Kubernetes does.</summary>
    private const string RootCaConfigMap = "kube-root-ca.crt";

    private async Task<string> NamespaceWithWebAsync()
    {
        var ns = await _f.CreateNamespaceAsync("mut");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        return ns;
    }

    private async Task<JsonObject> GetJsonAsync(string ns, string resource) =>
        Json.ParseObject(await _f.KubectlOkAsync("get", resource, "-n", ns, "-o", "json"));

    // `kubectl create namespace|secret|configmap` send protobuf bodies (typed client), unlike `apply -f` (JSON).
    [Fact]
    public async Task CreateNamespace()
    {
        var ns = "created-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal($"namespace/{ns} created", (await _f.KubectlOkAsync("create", "namespace", ns)).Trim());
        Json.AssertValue(Json.ParseObject(await _f.KubectlOkAsync("get", "ns", ns, "-o", "json")), "status.phase", "Active");
    }

    [Fact]
    public async Task CreateSecretGeneric()
    {
        var ns = await _f.CreateNamespaceAsync("secret");
        Assert.Equal("secret/creds created", (await _f.KubectlOkAsync("create", "secret", "generic", "creds", "-n", ns,
            "--from-literal=user=admin", "--from-literal=password=p@ss word")).Trim());
        var secret = await GetJsonAsync(ns, "secret/creds");
        Json.AssertValue(secret, "type", "Opaque");
        Json.AssertValue(secret, "data.user", Convert.ToBase64String("admin"u8.ToArray()));
        Json.AssertValue(secret, "data.password", Convert.ToBase64String("p@ss word"u8.ToArray()));
    }

    [Fact]
    public async Task CreateConfigMapFromLiterals()
    {
        var ns = await _f.CreateNamespaceAsync("cm");
        Assert.Equal("configmap/settings created", (await _f.KubectlOkAsync("create", "configmap", "settings", "-n", ns,
            "--from-literal=mode=edge", "--from-literal=level=3")).Trim());
        var cm = await GetJsonAsync(ns, "configmap/settings");
        Json.AssertValue(cm, "data.mode", "edge");
        Json.AssertValue(cm, "data.level", "3");
    }

    [Fact]
    public async Task LabelAndAnnotateAddOverwriteAndRemove()
    {
        var ns = await _f.CreateNamespaceAsync("lbl");
        await _f.CreateConfigMapAsync(ns, "x");

        Assert.Equal("configmap/x labeled", (await _f.KubectlOkAsync("label", "cm", "x", "-n", ns, "env=prod")).Trim());
        Json.AssertValue(await GetJsonAsync(ns, "cm/x"), "metadata.labels.env", "prod");

        var clash = await _f.KubectlAsync("label", "cm", "x", "-n", ns, "env=dev");
        Assert.False(clash.Succeeded, "relabelling without --overwrite must fail:\n" + clash);
        Assert.Contains("already has a value", clash.StdErr);

        await _f.KubectlOkAsync("label", "cm", "x", "-n", ns, "env=dev", "--overwrite");
        Json.AssertValue(await GetJsonAsync(ns, "cm/x"), "metadata.labels.env", "dev");
        await _f.KubectlOkAsync("label", "cm", "x", "-n", ns, "env-");
        Assert.Null(Json.At(await GetJsonAsync(ns, "cm/x"), "metadata.labels")?["env"]);

        Assert.Equal("configmap/x annotated",
            (await _f.KubectlOkAsync("annotate", "cm", "x", "-n", ns, "example.com/owner=team a")).Trim());
        Assert.Equal("team a", Json.At(await GetJsonAsync(ns, "cm/x"), "metadata.annotations")?["example.com/owner"]?.ToString());
        await _f.KubectlOkAsync("annotate", "cm", "x", "-n", ns, "example.com/owner-");
        Assert.Null(Json.At(await GetJsonAsync(ns, "cm/x"), "metadata.annotations")?["example.com/owner"]);
    }

    [Fact]
    public async Task ScaleGoesThroughTheScaleSubresource()
    {
        var ns = await NamespaceWithWebAsync();
        Assert.Equal("deployment.apps/web scaled", (await _f.KubectlOkAsync("scale", "deploy/web", "-n", ns, "--replicas=5")).Trim());
        var d = await GetJsonAsync(ns, "deploy/web");
        Json.AssertValue(d, "spec.replicas", "5");
        Json.AssertValue(d, "metadata.generation", "2");

        var scale = Json.ParseObject(await _f.KubectlOkAsync("get", "--raw", $"/apis/apps/v1/namespaces/{ns}/deployments/web/scale"));
        Json.AssertValue(scale, "kind", "Scale");
        Json.AssertValue(scale, "apiVersion", "autoscaling/v1");
        Json.AssertValue(scale, "spec.replicas", "5");
        Json.AssertValue(scale, "metadata.name", "web");

        // --current-replicas is a precondition: it must refuse when the count differs.
        var refused = await _f.KubectlAsync("scale", "deploy/web", "-n", ns, "--current-replicas=3", "--replicas=1");
        Assert.False(refused.Succeeded, refused.ToString());
        Json.AssertValue(await GetJsonAsync(ns, "deploy/web"), "spec.replicas", "5");
    }

    [Fact]
    public async Task PatchJsonMergeAndStrategic()
    {
        var ns = await NamespaceWithWebAsync();
        await _f.KubectlOkAsync("patch", "deploy", "web", "-n", ns, "--type=json",
            "-p", """[{"op":"replace","path":"/spec/replicas","value":2},{"op":"add","path":"/metadata/labels","value":{"a":"b"}}]""");
        var d = await GetJsonAsync(ns, "deploy/web");
        Json.AssertValue(d, "spec.replicas", "2");
        Json.AssertValue(d, "metadata.labels.a", "b");

        await _f.KubectlOkAsync("patch", "deploy", "web", "-n", ns, "--type=merge",
            "-p", """{"metadata":{"labels":{"tier":"frontend","a":null}}}""");
        d = await GetJsonAsync(ns, "deploy/web");
        Json.AssertValue(d, "metadata.labels.tier", "frontend");
        Assert.Null(Json.At(d, "metadata.labels.a"));

        // Strategic merge (kubectl's default): containers merge by name, so the port survives an image change.
        await _f.KubectlOkAsync("patch", "deploy", "web", "-n", ns,
            "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}""");
        d = await GetJsonAsync(ns, "deploy/web");
        Assert.Single((JsonArray)Json.At(d, "spec.template.spec.containers")!);
        Json.AssertValue(d, "spec.template.spec.containers[0].image", "nginx:1.25");
        Json.AssertValue(d, "spec.template.spec.containers[0].ports[0].containerPort", "80");

        // A sidecar added by strategic merge is appended, not a replacement of the list.
        await _f.KubectlOkAsync("patch", "deploy", "web", "-n", ns, "--type=strategic",
            "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}""");
        d = await GetJsonAsync(ns, "deploy/web");
        var names = ((JsonArray)Json.At(d, "spec.template.spec.containers")!).Select(c => Json.Str(c, "name")).OrderBy(n => n);
        Assert.Equal(["nginx", "sidecar"], names);
        var sidecar = ((JsonArray)Json.At(d, "spec.template.spec.containers")!).Single(c => Json.Str(c, "name") == "sidecar")!;
        Json.AssertValue(sidecar, "imagePullPolicy", "IfNotPresent"); // defaulting runs on patched objects too
    }

    [Fact]
    public async Task EditAppliesTheEditorsChange()
    {
        var ns = await NamespaceWithWebAsync();
        var editor = Path.Combine(_f.WorkDir, $"editor-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i -e 's/^  replicas: 3$/  replicas: 4/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var r = await _f.KubectlWithEnvironmentAsync(null, new Dictionary<string, string> { ["KUBE_EDITOR"] = editor },
            "edit", "deploy/web", "-n", ns);
        Assert.True(r.Succeeded, r.ToString());
        Assert.Contains("deployment.apps/web edited", r.StdOut);
        Json.AssertValue(await GetJsonAsync(ns, "deploy/web"), "spec.replicas", "4");
    }

    [Fact]
    public async Task DeleteRemovesAndReportsNotFoundAfterwards()
    {
        var ns = await _f.CreateNamespaceAsync("del");
        await _f.CreateConfigMapAsync(ns, "gone");
        Assert.Equal("configmap \"gone\" deleted", (await _f.KubectlOkAsync("delete", "cm", "gone", "-n", ns)).Trim());
        var get = await _f.KubectlAsync("get", "cm", "gone", "-n", ns);
        Assert.False(get.Succeeded);
        Assert.Contains("Error from server (NotFound): configmaps \"gone\" not found", get.StdErr);
        var again = await _f.KubectlAsync("delete", "cm", "gone", "-n", ns);
        Assert.False(again.Succeeded);
        Assert.Contains("NotFound", again.StdErr);
        Assert.True((await _f.KubectlAsync("delete", "cm", "gone", "-n", ns, "--ignore-not-found")).Succeeded);
    }

    [Fact]
    public async Task DeleteAllAndDeleteCollection()
    {
        var ns = await _f.CreateNamespaceAsync("delall");
        for (var i = 0; i < 4; i++)
        {
            await _f.CreateConfigMapAsync(ns, $"cm{i}");
        }
        var deleted = await _f.KubectlOkAsync("delete", "cm", "--all", "-n", ns);
        Assert.Equal(4, deleted.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^configmap ""cm\d"" deleted")));
        // Only what a controller puts back (kube-root-ca.crt, as in Kubernetes) may be left.
        var after = (await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(c => c.Metadata.Name);
        Assert.DoesNotContain(after, n => n != RootCaConfigMap);

        // The DELETE-on-collection verb itself, with a label selector, through the client library.
        for (var i = 0; i < 4; i++)
        {
            await _f.CreateConfigMapAsync(ns, $"s{i}");
            await _f.KubectlOkAsync("label", "cm", $"s{i}", "-n", ns, $"drop={(i % 2 == 0 ? "yes" : "no")}");
        }
        await _f.Kubernetes.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "drop=yes");
        var left = await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.Equal(["s1", "s3"], left.Items.Select(c => c.Metadata.Name).Where(n => n != RootCaConfigMap).OrderBy(n => n));
    }
}
