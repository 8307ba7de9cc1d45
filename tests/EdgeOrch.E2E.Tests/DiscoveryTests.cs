using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>kubectl's discovery-driven commands: version, cluster-info, api-resources, explain.</summary>
[Trait("Category", "E2E")]
public sealed class DiscoveryTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public DiscoveryTests(ServerFixture fixture) => _f = fixture;

    [Fact]
    public async Task KubectlVersionReportsServerVersion()
    {
        var json = Json.ParseObject(await _f.KubectlOkAsync("version", "-o", "json"));
        var gitVersion = Json.Str(json, "serverVersion.gitVersion");
        Assert.False(string.IsNullOrEmpty(gitVersion), "serverVersion.gitVersion missing:\n" + json.ToJsonString());
        Assert.StartsWith("v", gitVersion);
        Assert.False(string.IsNullOrEmpty(Json.Str(json, "serverVersion.major")), json.ToJsonString());
        Assert.False(string.IsNullOrEmpty(Json.Str(json, "serverVersion.minor")), json.ToJsonString());
    }

    [Fact]
    public async Task EdgeorchVersionCommandPrintsAVersion()
    {
        var r = await ProcessRunner.RunAsync(_f.Server.BinaryPath, ["version"], timeout: TimeSpan.FromSeconds(20));
        Assert.True(r.Succeeded, r.ToString());
        Assert.Matches(@"\d+\.\d+\.\d+", r.StdOut);
    }

    [Fact]
    public async Task EdgeorchKubeconfigCommandPrintsAUsableKubeconfig()
    {
        var r = await ProcessRunner.RunAsync(_f.Server.BinaryPath, ["kubeconfig", "--data-dir", _f.DataDir],
            timeout: TimeSpan.FromSeconds(20));
        Assert.True(r.Succeeded, r.ToString());
        Assert.Contains("certificate-authority-data", r.StdOut);
        Assert.Contains($"https://127.0.0.1:{_f.Server.Port}", r.StdOut);
        var path = Path.Combine(_f.WorkDir, "printed-kubeconfig.yaml");
        await File.WriteAllTextAsync(path, r.StdOut);
        var ns = await ProcessRunner.RunAsync(ServerFixture.KubectlPath, ["--kubeconfig", path, "get", "ns", "default", "-o", "name"]);
        Assert.True(ns.Succeeded, ns.ToString());
        Assert.Equal("namespace/default", ns.StdOut.Trim());
    }

    [Fact]
    public async Task ClusterInfoShowsTheControlPlaneUrl()
    {
        var output = await _f.KubectlOkAsync("cluster-info");
        Assert.Contains("is running at", output);
        Assert.Contains($"https://127.0.0.1:{_f.Server.Port}", output);
    }

    [Fact]
    public async Task ApiResourcesListsBuiltinsWithShortNamesAndCrds()
    {
        var output = await _f.KubectlOkAsync("api-resources");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        void HasRow(params string[] cells) => Assert.True(rows.Any(r => r.SequenceEqual(cells)),
            $"api-resources has no row '{string.Join(' ', cells)}':\n{output}");

        HasRow("deployments", "deploy", "apps/v1", "true", "Deployment");
        HasRow("customresourcedefinitions", "crd,crds", "apiextensions.k8s.io/v1", "false", "CustomResourceDefinition");
        HasRow("configmaps", "cm", "v1", "true", "ConfigMap");
        HasRow("namespaces", "ns", "v1", "false", "Namespace");
        HasRow("services", "svc", "v1", "true", "Service");
        HasRow("cronjobs", "cj", "batch/v1", "true", "CronJob");
        HasRow("leases", "coordination.k8s.io/v1", "true", "Lease");
        HasRow("ingresses", "ing", "networking.k8s.io/v1", "true", "Ingress");
        HasRow("clusterroles", "rbac.authorization.k8s.io/v1", "false", "ClusterRole");
    }

    [Fact]
    public async Task ExplainDeploymentSpecPrintsFields()
    {
        var output = await _f.KubectlOkAsync("explain", "deployment.spec");
        Assert.Contains("KIND:", output);
        Assert.Contains("Deployment", output);
        Assert.Contains("FIELDS:", output);
        foreach (var field in new[] { "replicas", "selector", "template", "strategy", "revisionHistoryLimit" })
        {
            Assert.Matches(@"(?m)^\s+" + field + @"\s", output);
        }
    }

    [Fact]
    public async Task SystemNamespacesExistAtStart()
    {
        var json = Json.ParseObject(await _f.KubectlOkAsync("get", "namespaces", "-o", "json"));
        var names = (json["items"] as JsonArray)!.Select(i => Json.Str(i, "metadata.name")).ToHashSet();
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.True(names.Contains(ns), $"namespace {ns} missing; have: {string.Join(", ", names)}");
        }
        var defaultNs = Json.ParseObject(await _f.KubectlOkAsync("get", "ns", "default", "-o", "json"));
        Json.AssertValue(defaultNs, "status.phase", "Active");
    }

    [Fact]
    public async Task GetNodesAnswers()
    {
        // --disable-agent: there may be no node yet, but the list itself must work.
        var r = await _f.KubectlAsync("get", "nodes");
        Assert.True(r.Succeeded, r.ToString());
    }
}
