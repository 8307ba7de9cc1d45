using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests.Controllers;

/// <summary>
/// Deployments and ReplicaSets through kubectl against the real binary. There is no kubelet in these runs: the tests
/// report pods Running and Ready themselves through the status subresource, as sim-nodes would.
/// </summary>
[Trait("Category", "E2E")]
public sealed class DeploymentE2ETests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public DeploymentE2ETests(ServerFixture fixture) => _f = fixture;

    private async Task<List<JsonObject>> PodsAsync(string ns, string selector)
    {
        var list = Json.ParseObject(await _f.KubectlOkAsync("get", "pods", "-n", ns, "-l", selector, "-o", "json"));
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => p["metadata"]?["deletionTimestamp"] is null).ToList();
    }

    private async Task<List<JsonObject>> ReplicaSetsAsync(string ns, string selector)
    {
        var list = Json.ParseObject(await _f.KubectlOkAsync("get", "rs", "-n", ns, "-l", selector, "-o", "json"));
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    private Task MarkReadyAsync(string ns, string pod) =>
        _f.KubectlOkAsync("patch", "pod", pod, "-n", ns, "--subresource=status", "--type=merge", "-p",
            $$$"""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}"}]}}""");

    private async Task<string> ApplyWebAsync()
    {
        var ns = await _f.CreateNamespaceAsync("deploy");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        await EventuallyAsync(async () => (await PodsAsync(ns, "app=web")).Count == 3, "3 web pods");
        return ns;
    }

    /// <summary>Makes pods ready one at a time until the rollout reports success, checking the limits at every step.</summary>
    private async Task DriveRolloutAsync(string ns, int replicas, int maxSurge, int maxUnavailable, bool checkLimits)
    {
        for (var step = 0; step < 100; step++)
        {
            await Task.Delay(300);
            var pods = await PodsAsync(ns, "app=web");
            if (checkLimits)
            {
                Assert.True(pods.Count <= replicas + maxSurge, $"{pods.Count} pods > {replicas} + {maxSurge}");
                Assert.True(pods.Count(IsReady) >= replicas - maxUnavailable, $"{pods.Count(IsReady)} ready < {replicas} - {maxUnavailable}");
            }
            var waiting = pods.FirstOrDefault(p => !IsReady(p));
            if (waiting is not null)
            {
                await MarkReadyAsync(ns, (string)waiting["metadata"]!["name"]!);
                continue;
            }
            var status = await _f.KubectlAsync("rollout", "status", "deploy/web", "-n", ns, "--timeout=1s");
            if (status.Succeeded && status.StdOut.Contains("successfully rolled out")) return;
        }
        Assert.Fail("rollout did not finish");
    }

    [Fact]
    public async Task ApplyGivesThreePodsNamedByTemplateHashAndDeletedPodIsReplaced()
    {
        var ns = await ApplyWebAsync();
        var rs = Assert.Single(await ReplicaSetsAsync(ns, "app=web"));
        var rsName = (string)rs["metadata"]!["name"]!;
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$", rsName);
        var pods = await PodsAsync(ns, "app=web");
        Assert.All(pods, p => Assert.StartsWith(rsName + "-", (string)p["metadata"]!["name"]!));

        var victim = (string)pods[0]["metadata"]!["name"]!;
        await _f.KubectlOkAsync("delete", "pod", victim, "-n", ns, "--wait=false");
        await EventuallyAsync(async () =>
        {
            var now = await PodsAsync(ns, "app=web");
            return now.Count == 3 && now.All(p => (string)p["metadata"]!["name"]! != victim);
        }, "a replacement pod");
        var events = await _f.KubectlOkAsync("get", "events", "-n", ns);
        Assert.Contains($"Scaled up replica set {rsName} from 0 to 3", events);
        Assert.Contains("Created pod: " + rsName + "-", events);
    }

    [Fact]
    public async Task ScaleToFive()
    {
        var ns = await ApplyWebAsync();
        await _f.KubectlOkAsync("scale", "deploy/web", "-n", ns, "--replicas=5");
        await EventuallyAsync(async () => (await PodsAsync(ns, "app=web")).Count == 5, "5 web pods");
    }

    [Fact]
    public async Task ImageChangeRollsOutWithinLimitsAndUndoReusesTheOldReplicaSet()
    {
        var ns = await ApplyWebAsync();
        await DriveRolloutAsync(ns, 3, 1, 0, checkLimits: false);
        var first = (string)Assert.Single(await ReplicaSetsAsync(ns, "app=web"))["metadata"]!["name"]!;

        await _f.KubectlOkAsync("set", "image", "deploy/web", "-n", ns, "nginx=nginx:1.27");
        // 25% of 3: surge rounds up to 1, unavailable rounds down to 0.
        await DriveRolloutAsync(ns, 3, 1, 0, checkLimits: true);
        var history = await _f.KubectlOkAsync("rollout", "history", "deploy/web", "-n", ns);
        Assert.Matches(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);

        await _f.KubectlOkAsync("rollout", "undo", "deploy/web", "-n", ns, "--to-revision=1");
        await DriveRolloutAsync(ns, 3, 1, 0, checkLimits: true);
        var sets = await ReplicaSetsAsync(ns, "app=web");
        Assert.Equal(2, sets.Count);
        var reused = sets.Single(s => (string)s["metadata"]!["name"]! == first);
        Assert.Equal("3", (string?)reused["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]);
        Assert.Equal("1", (string?)reused["metadata"]!["annotations"]!["deployment.kubernetes.io/revision-history"]);
        Assert.All(await PodsAsync(ns, "app=web"), p => Assert.Equal("nginx:alpine", (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task StuckRolloutExceedsItsProgressDeadline()
    {
        var ns = await _f.CreateNamespaceAsync("stuck");
        await _f.KubectlWithInputAsync("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: stuck}
            spec:
              replicas: 1
              progressDeadlineSeconds: 2
              selector: {matchLabels: {app: stuck}}
              template:
                metadata: {labels: {app: stuck}}
                spec: {containers: [{name: c, image: busybox}]}
            """, "apply", "-n", ns, "-f", "-");
        await EventuallyAsync(async () =>
            (await _f.KubectlOkAsync("get", "deploy", "stuck", "-n", ns, "-o",
                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}")).Trim() == "ProgressDeadlineExceeded",
            "ProgressDeadlineExceeded");
        var status = await _f.KubectlAsync("rollout", "status", "deploy/stuck", "-n", ns, "--timeout=5s");
        Assert.False(status.Succeeded);
        Assert.Contains("exceeded its progress deadline", status.StdErr);
    }
}
