using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests.Controllers;

/// <summary>
/// StatefulSet, DaemonSet and Job controllers inside `edgeorch server`, driven by kubectl. There is no kubelet here:
/// the tests report pod phases and readiness themselves through the pods' status subresource.
/// </summary>
[Trait("Category", "E2E")]
public sealed class WorkloadControllerTests(ServerFixture f) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<JsonObject> GetAsync(string ns, string resource) =>
        Json.ParseObject(await f.KubectlOkAsync("get", resource, "-n", ns, "-o", "json"));

    private async Task<List<string>> NamesAsync(string ns, string resource, string? selector = null)
    {
        var args = new List<string> { "get", resource, "-n", ns, "-o", "json" };
        if (selector is not null) args.AddRange(["-l", selector]);
        var list = Json.ParseObject(await f.KubectlOkAsync([.. args]));
        return list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T value;
        while (!done(value = await read()))
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"timed out waiting for {what}; last seen: {value}");
            await Task.Delay(200);
        }
        return value;
    }

    private Task SetPodStatusAsync(string ns, string pod, string phase, bool ready) =>
        f.KubectlOkAsync("patch", "pod", pod, "-n", ns, "--subresource=status", "--type=merge", "-p",
            $$$"""{"status":{"phase":"{{{phase}}}","conditions":[{"type":"Ready","status":"{{{(ready ? "True" : "False")}}}"}]} }""");

    private async Task ApplyAsync(string ns, string yaml)
    {
        var r = await f.KubectlWithInputAsync(yaml, "apply", "-n", ns, "-f", "-");
        Assert.True(r.Succeeded, r.ToString());
    }

    [Fact]
    public async Task StatefulSetComesUpInOrderWithClaims()
    {
        var ns = await f.CreateNamespaceAsync("sts");
        await ApplyAsync(ns, """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: mysql}
            spec:
              replicas: 2
              serviceName: mysql
              selector: {matchLabels: {app: mysql}}
              template:
                metadata: {labels: {app: mysql}}
                spec: {containers: [{name: mysql, image: "mysql:8.0"}]}
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """);
        await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 1, "mysql-0");
        Assert.Equal(["mysql-0"], await NamesAsync(ns, "pods"));
        Assert.Equal(["data-mysql-0"], await NamesAsync(ns, "pvc"));

        await SetPodStatusAsync(ns, "mysql-0", "Running", ready: true);
        var pods = await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 2, "mysql-1");
        Assert.Equal(["mysql-0", "mysql-1"], pods);
        await EventuallyAsync(() => NamesAsync(ns, "pvc"), c => c.Count == 2, "data-mysql-1");

        var pod = await GetAsync(ns, "pod/mysql-1");
        Json.AssertValue(pod, "spec.hostname", "mysql-1");
        Json.AssertValue(pod, "spec.subdomain", "mysql");
        Assert.Equal("1", (string?)pod["metadata"]!["labels"]!["apps.kubernetes.io/pod-index"]);
        var events = await f.KubectlOkAsync("get", "events", "-n", ns);
        Assert.Contains("create Pod mysql-0 in StatefulSet mysql successful", events);
        Assert.Contains("create Claim data-mysql-0 Pod mysql-0 in StatefulSet mysql success", events);

        // Claims outlive their pods.
        await f.KubectlOkAsync("delete", "pod", "mysql-1", "-n", ns, "--wait=false");
        await EventuallyAsync(async () => (await GetAsync(ns, "pod/mysql-1"))["metadata"]!["uid"]!.ToString(),
            uid => uid != (string?)pod["metadata"]!["uid"], "mysql-1 recreated");
        Assert.Equal(["data-mysql-0", "data-mysql-1"], await NamesAsync(ns, "pvc"));
    }

    [Fact]
    public async Task DaemonSetFollowsNodes()
    {
        var ns = await f.CreateNamespaceAsync("ds");
        var node = $"edge-{Guid.NewGuid().ToString("N")[..6]}";
        await ApplyAsync(ns, $$$"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  nodeSelector: {e2e-node: "{{{node}}}"}
                  containers: [{name: a, image: "agent:1"}]
            """);
        Assert.Empty(await NamesAsync(ns, "pods"));
        var r = await f.KubectlWithInputAsync($$$"""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{node}}}","labels":{"e2e-node":"{{{node}}}"} } }
            """, "create", "-f", "-");
        Assert.True(r.Succeeded, r.ToString());
        var pods = await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 1, "a daemon pod");
        var pod = await GetAsync(ns, "pod/" + pods[0]);
        Json.AssertValue(pod, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]", node);
        var status = await EventuallyAsync(() => GetAsync(ns, "ds/agent"), d => (long?)d["status"]?["desiredNumberScheduled"] == 1, "status");
        Json.AssertValue(status, "status.currentNumberScheduled", "1");

        await f.KubectlOkAsync("delete", "node", node);
        await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 0, "the daemon pod to go with its node");
    }

    [Fact]
    public async Task JobRetriesToItsBackoffLimit()
    {
        var ns = await f.CreateNamespaceAsync("job");
        await ApplyAsync(ns, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: flaky}
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: busybox}]
            """);
        var first = await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 1, "the first pod");
        var pod = await GetAsync(ns, "pod/" + first[0]);
        Assert.NotNull(pod["metadata"]!["labels"]!["batch.kubernetes.io/controller-uid"]);
        await SetPodStatusAsync(ns, first[0], "Failed", ready: false);

        // The retry comes after the 10 s back-off.
        var both = await EventuallyAsync(() => NamesAsync(ns, "pods"), p => p.Count == 2, "the retry");
        await SetPodStatusAsync(ns, both.Single(n => n != first[0]), "Failed", ready: false);
        var job = await EventuallyAsync(() => GetAsync(ns, "job/flaky"),
            j => j["status"]?["conditions"]?.AsArray().Any(c => (string?)c!["type"] == "Failed") == true, "the Failed condition");
        var failed = job["status"]!["conditions"]!.AsArray().First(c => (string?)c!["type"] == "Failed")!;
        Assert.Equal("BackoffLimitExceeded", (string?)failed["reason"]);
        Json.AssertValue(job, "status.failed", "2");
        var events = await f.KubectlOkAsync("get", "events", "-n", ns);
        Assert.Contains("Job has reached the specified backoff limit", events);
    }
}
