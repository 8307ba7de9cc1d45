using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>kubectl get in its output forms, describe, selectors and watch.</summary>
[Trait("Category", "E2E")]
public sealed class KubectlGetTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public KubectlGetTests(ServerFixture fixture) => _f = fixture;

    private async Task<string> NamespaceWithWebAsync()
    {
        var ns = await _f.CreateNamespaceAsync("get");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        return ns;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task GetDeploymentPrintsKubernetesColumns()
    {
        var ns = await NamespaceWithWebAsync();
        var lines = Lines(await _f.KubectlOkAsync("get", "deploy", "-n", ns));
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s*$", lines[0]);
        // No node runs pods here (--disable-agent): nothing is ready or available; UP-TO-DATE is 3 once a deployment controller exists.
        Assert.Matches(@"^web\s+0/3\s+[03]\s+0\s+\d+s\s*$", lines[1]);

        var wide = Lines(await _f.KubectlOkAsync("get", "deploy", "-n", ns, "-o", "wide"));
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\s*$", wide[0]);
        Assert.Matches(@"^web\s+0/3\s+[03]\s+0\s+\d+s\s+nginx\s+nginx:alpine\s+app=web\s*$", wide[1]);
    }

    [Fact]
    public async Task GetServiceAndConfigMapPrintKubernetesColumns()
    {
        var ns = await NamespaceWithWebAsync();
        var svc = Lines(await _f.KubectlOkAsync("get", "svc", "-n", ns));
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s*$", svc[0]);
        Assert.Matches(@"^web-service\s+LoadBalancer\s+\d+\.\d+\.\d+\.\d+\s+<pending>\s+80:\d+/TCP\s+\d+s\s*$", svc[1]);

        await _f.CreateConfigMapAsync(ns, "two", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var cm = Lines(await _f.KubectlOkAsync("get", "cm", "two", "-n", ns));
        Assert.Matches(@"^NAME\s+DATA\s+AGE\s*$", cm[0]);
        Assert.Matches(@"^two\s+2\s+\d+s\s*$", cm[1]);

        var all = Lines(await _f.KubectlOkAsync("get", "cm", "-A"));
        Assert.Matches(@"^NAMESPACE\s+NAME\s+DATA\s+AGE\s*$", all[0]);
        Assert.Contains(all, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{ns}\s+two\s+2\s+\d+s\s*$"));

        var nsTable = Lines(await _f.KubectlOkAsync("get", "ns", ns));
        Assert.Matches(@"^NAME\s+STATUS\s+AGE\s*$", nsTable[0]);
        Assert.Matches($@"^{ns}\s+Active\s+\d+s\s*$", nsTable[1]);
    }

    [Fact]
    public async Task OutputFormatsYamlJsonpathNameAndLabels()
    {
        var ns = await NamespaceWithWebAsync();
        var yaml = await _f.KubectlOkAsync("get", "deploy", "web", "-n", ns, "-o", "yaml");
        Assert.Contains("kind: Deployment", yaml);
        Assert.Contains("apiVersion: apps/v1", yaml);
        Assert.Matches(@"(?m)^  replicas: 3$", yaml);

        var image = await _f.KubectlOkAsync("get", "deploy", "web", "-n", ns,
            "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.Equal("nginx:alpine", image.TrimEnd('\n')); // the runner ends every captured line with \n

        var names = await _f.KubectlOkAsync("get", "deploy,svc", "-n", ns, "-o", "name");
        Assert.Equal(["deployment.apps/web", "service/web-service"], Lines(names));

        var listJson = Json.ParseObject(await _f.KubectlOkAsync("get", "deploy", "-n", ns, "-o", "json"));
        Assert.Equal("List", Json.Str(listJson, "kind"));
        Assert.Single((JsonArray)listJson["items"]!);

        await _f.CreateConfigMapAsync(ns, "labelled", new Dictionary<string, string> { ["k"] = "v" });
        await _f.KubectlOkAsync("label", "configmap", "labelled", "-n", ns, "tier=backend", "team=edge");
        var shown = Lines(await _f.KubectlOkAsync("get", "cm", "labelled", "-n", ns, "--show-labels"));
        Assert.Matches(@"^NAME\s+DATA\s+AGE\s+LABELS\s*$", shown[0]);
        Assert.Matches(@"^labelled\s+1\s+\d+s\s+team=edge,tier=backend\s*$", shown[1]);

        var custom = Lines(await _f.KubectlOkAsync("get", "deploy", "-n", ns,
            "-o", "custom-columns=N:.metadata.name,R:.spec.replicas"));
        Assert.Matches(@"^web\s+3$", custom[1]);
    }

    [Fact]
    public async Task DescribeDeploymentShowsItsSpec()
    {
        var ns = await NamespaceWithWebAsync();
        var output = await _f.KubectlOkAsync("describe", "deployment", "web", "-n", ns);
        Assert.Matches(@"(?m)^Name:\s+web$", output);
        Assert.Matches($@"(?m)^Namespace:\s+{ns}$", output);
        Assert.Matches(@"(?m)^Selector:\s+app=web$", output);
        Assert.Matches(@"(?m)^Replicas:\s+3 desired", output);
        Assert.Matches(@"(?m)^StrategyType:\s+RollingUpdate$", output);
        Assert.Matches(@"(?m)^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$", output);
        Assert.Contains("Pod Template:", output);
        Assert.Matches(@"(?m)^\s+Image:\s+nginx:alpine$", output);
        Assert.Matches(@"(?m)^\s+Port:\s+80/TCP$", output);
    }

    [Fact]
    public async Task LabelSelectorsFilterLists()
    {
        var ns = await _f.CreateNamespaceAsync("sel");
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await _f.CreateConfigMapAsync(ns, name);
        }
        await _f.KubectlOkAsync("label", "cm", "a", "-n", ns, "app=web");
        await _f.KubectlOkAsync("label", "cm", "b", "-n", ns, "app=api");
        await _f.KubectlOkAsync("label", "cm", "c", "-n", ns, "app=db", "x=1");

        async Task Expect(string[] selectorArgs, params string[] expected)
        {
            var args = new List<string> { "get", "cm", "-n", ns, "-o", "name" };
            args.AddRange(selectorArgs);
            var r = await _f.KubectlAsync(args.ToArray());
            Assert.True(r.Succeeded, r.ToString());
            var got = Lines(r.StdOut).Select(l => l.Replace("configmap/", "")).Where(n => n.Length == 1).OrderBy(n => n);
            Assert.True(expected.SequenceEqual(got), $"{string.Join(' ', selectorArgs)}: expected [{string.Join(",", expected)}], got [{string.Join(",", got)}]\n{r}");
        }

        await Expect(["-l", "app=web"], "a");
        await Expect(["-l", "app in (web,api)"], "a", "b");
        await Expect(["-l", "!x"], "a", "b", "d");
        await Expect(["-l", "app,app!=web"], "b", "c");
        await Expect(["-l", "app notin (web)"], "b", "c", "d");
        await Expect(["--field-selector", "metadata.name=c"], "c");
        await Expect(["--field-selector", "metadata.name!=c"], "a", "b", "d");
        await Expect(["-l", "app", "--field-selector", "metadata.name!=a"], "b", "c");

        // Selectors drive the writing verbs too.
        await _f.KubectlOkAsync("label", "cm", "-n", ns, "-l", "app in (web,api)", "sel=yes");
        await Expect(["-l", "sel=yes"], "a", "b");
        var deleted = await _f.KubectlOkAsync("delete", "cm", "-n", ns, "-l", "sel=yes");
        Assert.Equal(2, deleted.Split('\n').Count(l => l.Contains("deleted")));
        await Expect([], "c", "d");
    }

    [Fact]
    public async Task KindSpecificFieldSelectors()
    {
        var ns = await _f.CreateNamespaceAsync("fsel");
        const string pods = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: on-n1
            spec:
              nodeName: n1
              containers:
                - name: c
                  image: busybox:1.36
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: unscheduled
            spec:
              containers:
                - name: c
                  image: busybox:1.36
            ---
            apiVersion: v1
            kind: Event
            metadata:
              name: ev1
            involvedObject:
              kind: Pod
              name: on-n1
            reason: Pulled
            message: pulled
            type: Normal
            ---
            apiVersion: v1
            kind: Event
            metadata:
              name: ev2
            involvedObject:
              kind: Pod
              name: unscheduled
            reason: FailedScheduling
            message: no nodes
            type: Warning
            """;
        var applied = await _f.KubectlWithInputAsync(pods, "apply", "-n", ns, "-f", "-");
        Assert.True(applied.Succeeded, applied.ToString());

        async Task<string[]> Names(params string[] args) =>
            Lines(await _f.KubectlOkAsync([.. args, "-n", ns, "-o", "name"])).Select(l => l[(l.IndexOf('/') + 1)..]).OrderBy(n => n).ToArray();

        Assert.Equal(["on-n1"], await Names("get", "pods", "--field-selector", "spec.nodeName=n1"));
        Assert.Equal(["unscheduled"], await Names("get", "pods", "--field-selector", "spec.nodeName="));
        Assert.Equal(["on-n1", "unscheduled"], await Names("get", "pods", "--field-selector", "status.phase=Pending"));
        // The scheduler adds its own FailedScheduling warning about the unscheduled pod (there are no nodes): both match.
        var warnings = await Names("get", "events", "--field-selector", "type=Warning");
        Assert.Contains("ev2", warnings);
        Assert.DoesNotContain("ev1", warnings);
        Assert.Equal(["ev1"], await Names("get", "events", "--field-selector", "involvedObject.kind=Pod,involvedObject.name=on-n1"));
        Assert.Equal(["ev2"], await Names("get", "events", "--field-selector", "reason=FailedScheduling,metadata.name=ev2"));
        Assert.DoesNotContain("ev1", await Names("get", "events", "--field-selector", "reason=FailedScheduling"));

        var table = Lines(await _f.KubectlOkAsync("get", "pods", "-n", ns));
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*$", table[0]);
        Assert.Matches(@"^on-n1\s+0/1\s+Pending\s+0\s+\d+s\s*$", table[1]);

        var unsupported = await _f.KubectlAsync("get", "cm", "-n", ns, "--field-selector", "data.x=y");
        Assert.False(unsupported.Succeeded, unsupported.ToString());
        Assert.Contains("field label not supported: data.x", unsupported.StdErr);
    }

    [Fact]
    public async Task WatchSeesChangesMadeAfterItStarted()
    {
        var ns = await _f.CreateNamespaceAsync("watch");
        await _f.CreateConfigMapAsync(ns, "watched", new Dictionary<string, string> { ["a"] = "1" });
        using var watch = _f.StartKubectlStream("get", "cm", "-n", ns, "-w");
        await watch.WaitForLineAsync(l => l.StartsWith("watched ") && l.Contains(" 1 "), TimeSpan.FromSeconds(15),
            "the initial listing of 'watched'");

        await _f.KubectlOkAsync("patch", "cm", "watched", "-n", ns, "--type=merge", "-p", """{"data":{"b":"2"}}""");
        await watch.WaitForLineAsync(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^watched\s+2\s"),
            TimeSpan.FromSeconds(10), "the modified 'watched' with 2 data keys");

        await _f.CreateConfigMapAsync(ns, "later");
        await watch.WaitForLineAsync(l => l.StartsWith("later "), TimeSpan.FromSeconds(10), "the created 'later'");
    }
}
