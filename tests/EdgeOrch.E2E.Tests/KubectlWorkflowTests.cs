using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>Everyday kubectl workflows beyond CRUD: get all, create/expose, wait, diff, dry-run, status, finalizers.</summary>
[Trait("Category", "E2E")]
public sealed class KubectlWorkflowTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public KubectlWorkflowTests(ServerFixture fixture) => _f = fixture;

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task GetAllListsTheAllCategory()
    {
        var ns = await _f.CreateNamespaceAsync("all");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        await _f.CreateConfigMapAsync(ns, "not-in-all");
        var names = Lines(await _f.KubectlOkAsync("get", "all", "-n", ns, "-o", "name"));
        Assert.Contains("deployment.apps/web", names);
        Assert.Contains("service/web-service", names);
        Assert.DoesNotContain(names, n => n.StartsWith("configmap/"));
    }

    [Fact]
    public async Task CreateDeploymentAndExposeIt()
    {
        var ns = await _f.CreateNamespaceAsync("expose");
        Assert.Equal("deployment.apps/hello created",
            (await _f.KubectlOkAsync("create", "deployment", "hello", "-n", ns, "--image=nginx:alpine", "--replicas=2", "--port=8080")).Trim());
        var d = Json.ParseObject(await _f.KubectlOkAsync("get", "deploy", "hello", "-n", ns, "-o", "json"));
        Json.AssertValue(d, "spec.replicas", "2");
        Json.AssertValue(d, "spec.selector.matchLabels.app", "hello");
        Json.AssertValue(d, "spec.template.spec.containers[0].ports[0].containerPort", "8080");

        Assert.Equal("service/hello exposed",
            (await _f.KubectlOkAsync("expose", "deployment", "hello", "-n", ns, "--port=80", "--target-port=8080")).Trim());
        var s = Json.ParseObject(await _f.KubectlOkAsync("get", "svc", "hello", "-n", ns, "-o", "json"));
        Json.AssertValue(s, "spec.selector.app", "hello");
        Json.AssertValue(s, "spec.ports[0].port", "80");
        Json.AssertValue(s, "spec.ports[0].targetPort", "8080");
        Json.AssertValue(s, "spec.type", "ClusterIP");
    }

    [Fact]
    public async Task WaitForAJsonPathCondition()
    {
        var ns = await _f.CreateNamespaceAsync("wait");
        await _f.CreateConfigMapAsync(ns, "flag", new Dictionary<string, string> { ["state"] = "pending" });
        var wait = _f.KubectlAsync("wait", "-n", ns, "cm/flag", "--for=jsonpath={.data.state}=done", "--timeout=20s");
        await Task.Delay(1000);
        await _f.KubectlOkAsync("patch", "cm", "flag", "-n", ns, "--type=merge", "-p", """{"data":{"state":"done"}}""");
        var r = await wait;
        Assert.True(r.Succeeded, r.ToString());
        Assert.Contains("configmap/flag condition met", r.StdOut);

        // --for=delete returns once the object is gone.
        var waitDelete = _f.KubectlAsync("wait", "-n", ns, "cm/flag", "--for=delete", "--timeout=20s");
        await Task.Delay(1000);
        await _f.KubectlOkAsync("delete", "cm", "flag", "-n", ns, "--wait=false");
        var d = await waitDelete;
        Assert.True(d.Succeeded, d.ToString());
    }

    [Fact]
    public async Task WaitReturnsAtOnceForAConditionAlreadyMet()
    {
        // kubectl wait lists, then watches; a server that holds back a watch's response headers until the first
        // event makes it hang past its own --timeout.
        var (crd, name) = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ready\ndata:\n  state: done\n", "ready");
        var ns = await _f.CreateNamespaceAsync("waitnow");
        await _f.KubectlWithInputAsync(crd, "apply", "-n", ns, "-f", "-");
        var started = DateTime.UtcNow;
        var r = await _f.KubectlWithTimeoutAsync(TimeSpan.FromSeconds(15),
            "wait", "-n", ns, $"cm/{name}", "--for=jsonpath={.data.state}=done", "--timeout=5s");
        Assert.True(r.Succeeded, r.ToString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "kubectl wait took " + (DateTime.UtcNow - started));
    }

    [Fact]
    public async Task ServerDryRunAndDiffStoreNothing()
    {
        var ns = await _f.CreateNamespaceAsync("dry");
        var dry = await _f.KubectlAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"), "--dry-run=server");
        Assert.True(dry.Succeeded, dry.ToString());
        Assert.Contains("deployment.apps/web created (server dry run)", dry.StdOut);
        Assert.False((await _f.KubectlAsync("get", "deploy", "web", "-n", ns)).Succeeded, "a dry run must store nothing");

        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        // The Deployment controller keeps writing status (its resourceVersion moves); the spec and generation must not.
        const string specView = "jsonpath={.metadata.generation} {.spec.replicas}";
        var rvBefore = await _f.KubectlOkAsync("get", "deploy", "web", "-n", ns, "-o", specView);
        var changed = (await File.ReadAllTextAsync(Examples.PathOf("web.yaml"))).Replace("replicas: 3", "replicas: 7");
        var path = Path.Combine(_f.WorkDir, $"diff-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, changed);
        // kubectl diff exits 1 when there are differences (0: none, >1: error).
        var diff = await _f.KubectlAsync("diff", "-n", ns, "-f", path);
        Assert.True(diff.ExitCode == 1, "kubectl diff should report a difference (exit 1):\n" + diff);
        Assert.Contains("-  replicas: 3", diff.StdOut);
        Assert.Contains("+  replicas: 7", diff.StdOut);
        var rvAfter = await _f.KubectlOkAsync("get", "deploy", "web", "-n", ns, "-o", specView);
        Assert.Equal(rvBefore, rvAfter);
        Assert.EndsWith(" 3", rvAfter.Trim());
        var same = await _f.KubectlAsync("diff", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        Assert.True(same.ExitCode == 0, "no difference expected:\n" + same);
    }

    [Fact]
    public async Task StatusSubresourceIsSeparateFromSpec()
    {
        // An Ingress: no EdgeOrch controller writes its status, so the test alone decides what is in it.
        var ns = await _f.CreateNamespaceAsync("status");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("ingress-canary.yaml"));
        await _f.KubectlOkAsync("patch", "ingress", "my-app", "-n", ns, "--subresource=status", "--type=merge",
            "-p", """{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.5"}]}}}""");
        var table = Lines(await _f.KubectlOkAsync("get", "ingress", "my-app", "-n", ns));
        Assert.Matches(@"^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\s*$", table[0]);
        Assert.Matches(@"^my-app\s+<none>\s+app\.example\.com\s+10\.0\.0\.5\s+80\s+\d+s\s*$", table[1]);

        // Status sent to the main resource is ignored, as is spec sent to the status subresource.
        await _f.KubectlOkAsync("patch", "ingress", "my-app", "-n", ns, "--type=merge",
            "-p", """{"status":{"loadBalancer":{"ingress":[{"ip":"10.9.9.9"}]}}}""");
        await _f.KubectlOkAsync("patch", "ingress", "my-app", "-n", ns, "--subresource=status", "--type=merge",
            "-p", """{"spec":{"ingressClassName":"other"}}""");
        var i = Json.ParseObject(await _f.KubectlOkAsync("get", "ingress", "my-app", "-n", ns, "-o", "json"));
        Json.AssertValue(i, "status.loadBalancer.ingress[0].ip", "10.0.0.5");
        Assert.Null(Json.At(i, "spec.ingressClassName"));
        Json.AssertValue(i, "metadata.generation", "1"); // status writes do not bump the generation
    }

    [Fact]
    public async Task FinalizersHoldDeletionUntilRemoved()
    {
        var ns = await _f.CreateNamespaceAsync("fin");
        await _f.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n",
            "apply", "-n", ns, "-f", "-");
        var del = await _f.KubectlAsync("delete", "cm", "held", "-n", ns, "--wait=false");
        Assert.True(del.Succeeded, del.ToString());
        var held = Json.ParseObject(await _f.KubectlOkAsync("get", "cm", "held", "-n", ns, "-o", "json"));
        Assert.False(string.IsNullOrEmpty(Json.Str(held, "metadata.deletionTimestamp")),
            "a finalized object must stay, marked with deletionTimestamp: " + held.ToJsonString());

        await _f.KubectlOkAsync("patch", "cm", "held", "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        ProcessResult get;
        do
        {
            get = await _f.KubectlAsync("get", "cm", "held", "-n", ns);
        }
        while (get.Succeeded && DateTime.UtcNow < deadline && await Delay());
        Assert.False(get.Succeeded, "the object must go once its last finalizer is removed:\n" + get);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    [Fact]
    public async Task GenerateNameAndChunkedLists()
    {
        var ns = await _f.CreateNamespaceAsync("gen");
        for (var i = 0; i < 25; i++)
        {
            var r = await _f.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: auto-\n", "create", "-n", ns, "-f", "-");
            Assert.True(r.Succeeded, r.ToString());
            Assert.Matches(@"^configmap/auto-[a-z0-9]{5} created$", r.StdOut.Trim());
        }
        var names = Lines(await _f.KubectlOkAsync("get", "cm", "-n", ns, "-o", "name", "--chunk-size=10"));
        Assert.Equal(25, names.Count(n => n.StartsWith("configmap/auto-")));
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public async Task ReplaceWithAStaleResourceVersionIsAConflict()
    {
        var ns = await _f.CreateNamespaceAsync("replace");
        await _f.CreateConfigMapAsync(ns, "c", new Dictionary<string, string> { ["v"] = "1" });
        var stale = await _f.KubectlOkAsync("get", "cm", "c", "-n", ns, "-o", "yaml");
        await _f.KubectlOkAsync("patch", "cm", "c", "-n", ns, "--type=merge", "-p", """{"data":{"v":"2"}}""");
        var r = await _f.KubectlWithInputAsync(stale.Replace("v: \"1\"", "v: \"3\""), "replace", "-n", ns, "-f", "-");
        Assert.False(r.Succeeded, r.ToString());
        Assert.Contains("Error from server (Conflict)", r.StdErr);
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", r.StdErr);
        Assert.Equal("2", (await _f.KubectlOkAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.data.v}")).TrimEnd('\n'));
    }
}
