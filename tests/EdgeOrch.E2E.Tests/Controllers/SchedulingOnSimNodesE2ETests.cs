using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests.Controllers;

/// <summary>
/// The scheduler and the workload controllers with `edgeorch sim-nodes` as the nodes (no containers): the user's web.yaml
/// runs 3 pods spread over the nodes, a pod too large for every node says why, and deleting the Deployment removes its
/// ReplicaSets and pods through the garbage collector.
/// </summary>
[Trait("Category", "E2E")]
public sealed class SchedulingOnSimNodesE2ETests(ServerFixture f) : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private Process? _simNodes;

    private void StartSimNodes()
    {
        var start = new ProcessStartInfo(BinaryLocator.Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "sim-nodes", "--kubeconfig", f.KubeconfigPath, "--count", "3", "--cpu", "2", "--memory", "2Gi", "--name-prefix", "e2esim" })
            start.ArgumentList.Add(arg);
        _simNodes = Process.Start(start)!;
        _simNodes.OutputDataReceived += (_, _) => { };
        _simNodes.ErrorDataReceived += (_, _) => { };
        _simNodes.BeginOutputReadLine();
        _simNodes.BeginErrorReadLine();
    }

    public void Dispose()
    {
        if (_simNodes is { HasExited: false })
            _simNodes.Kill(entireProcessTree: true);
        _simNodes?.Dispose();
    }

    private async Task<JsonObject> GetJsonAsync(params string[] args) => Json.ParseObject(await f.KubectlOkAsync([.. args, "-o", "json"]));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T value;
        while (!done(value = await read()))
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"timed out waiting for {what}; last seen: {value}");
            await Task.Delay(250);
        }
        return value;
    }

    private async Task WaitForReadyNodesAsync()
    {
        StartSimNodes();
        await EventuallyAsync(async () => (await GetJsonAsync("get", "nodes"))["items"]!.AsArray()
                .Count(n => n!["status"]?["conditions"]?.AsArray().Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true),
            n => n == 3, "three Ready sim nodes");
    }

    /// <summary>One test, so one set of sim nodes: the scenarios run one after the other against it.</summary>
    [Fact]
    public async Task SchedulesWebReportsUnschedulablePodsAndCollectsGarbage()
    {
        await WaitForReadyNodesAsync();
        await APodTooLargeForEveryNodeSaysWhyAsync();
        await WebRunsOnSimNodesAndDeletingTheDeploymentRemovesItsReplicaSetsAndPodsAsync();
    }

    private async Task WebRunsOnSimNodesAndDeletingTheDeploymentRemovesItsReplicaSetsAndPodsAsync()
    {
        var ns = await f.CreateNamespaceAsync("simweb");
        await f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));

        var pods = await EventuallyAsync(async () => (await GetJsonAsync("get", "pods", "-n", ns))["items"]!.AsArray(),
            items => items.Count == 3 && items.All(p => (string?)p!["status"]?["phase"] == "Running" && !string.IsNullOrEmpty((string?)p["spec"]?["nodeName"])),
            "3 running, scheduled pods");
        Assert.All(pods, p => Assert.StartsWith("e2esim-", (string)p!["spec"]!["nodeName"]!));
        await EventuallyAsync(async () => Json.Str(await GetJsonAsync("get", "deployment/web", "-n", ns), "status.readyReplicas"),
            r => r == "3", "deployment web to report 3 ready replicas");
        var describe = await f.KubectlOkAsync("describe", "pod", "-n", ns, (string)pods[0]!["metadata"]!["name"]!);
        Assert.Contains("Successfully assigned", describe);

        await f.KubectlOkAsync("delete", "deployment", "web", "-n", ns);
        await EventuallyAsync(async () => (await GetJsonAsync("get", "replicasets,pods", "-n", ns))["items"]!.AsArray().Count,
            n => n == 0, "the ReplicaSet and its pods to be garbage collected");
    }

    private async Task APodTooLargeForEveryNodeSaysWhyAsync()
    {
        var ns = await f.CreateNamespaceAsync("simbig");
        var r = await f.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: huge}
            spec:
              containers:
              - name: c
                image: busybox
                resources: {requests: {memory: 64Gi}}
            """, "apply", "-n", ns, "-f", "-");
        Assert.True(r.Succeeded, r.ToString());

        var condition = await EventuallyAsync(async () => (await GetJsonAsync("get", "pod/huge", "-n", ns))["status"]?["conditions"]?.AsArray()
                .FirstOrDefault(c => (string?)c!["type"] == "PodScheduled"),
            c => (string?)c?["status"] == "False", "PodScheduled=False on the huge pod");
        Assert.Equal("Unschedulable", (string?)condition!["reason"]);
        Assert.Contains("0/3 nodes are available: 3 Insufficient memory.", (string?)condition["message"]);
        var describe = await f.KubectlOkAsync("describe", "pod", "huge", "-n", ns);
        Assert.Contains("FailedScheduling", describe);
        Assert.Contains("Insufficient memory", describe);
    }
}
