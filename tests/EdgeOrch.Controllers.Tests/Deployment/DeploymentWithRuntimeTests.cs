using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;
using EdgeOrch.Controllers.Tests.ReplicaSet;

namespace EdgeOrch.Controllers.Tests.Deployment;

/// <summary>Both controllers on the real runtime (informers fed by watch, work queues, workers, event recorder).</summary>
public class DeploymentWithRuntimeTests
{
    [Fact]
    public async Task DeploymentComesUpAndRollsOutThroughRealInformers()
    {
        await using var h = new ControllerHarness(ctx => (IReadOnlyList<IController>)BuiltinControllers.Create(ctx));
        var deployments = h.Type("apps", "v1", "deployments");
        var pods = h.Type("", "v1", "pods");
        var replicaSets = h.Type("apps", "v1", "replicasets");
        h.Client.Seed(deployments, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 3,
                ["revisionHistoryLimit"] = 10,
                ["progressDeadlineSeconds"] = 600,
                ["strategy"] = DeploymentKit.Rolling(1, 0),
                ["selector"] = WorkloadHarness.Selector("web"),
                ["template"] = WorkloadHarness.Template("web", "app:v1"),
            },
        });
        await h.StartAsync();
        await h.SettleAsync();
        Assert.Equal(3, h.Client.PeekAll(pods).Count);
        Assert.Single(h.Client.PeekAll(replicaSets));

        async Task ReadyAllAsync()
        {
            for (var round = 0; round < 50; round++)
            {
                await h.SettleAsync();
                var waiting = h.Client.PeekAll(pods).FirstOrDefault(p => !PodState.IsReady(p));
                if (waiting is null) return;
                var copy = waiting.DeepClone().AsObject();
                copy["status"] = new JsonObject
                {
                    ["phase"] = "Running",
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = WorkloadJson.FormatTime(h.Time.GetUtcNow()),
                    }),
                };
                await h.Client.UpdateStatusAsync(pods, copy);
            }
            throw new InvalidOperationException("pods never all ready");
        }

        await ReadyAllAsync();
        var d = h.Client.Peek(deployments, "default", "web")!;
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "app:v2";
        await h.Client.UpdateAsync(deployments, d);
        await ReadyAllAsync();
        await h.SettleAsync();

        var live = h.Client.PeekAll(pods);
        Assert.Equal(3, live.Count);
        Assert.All(live, p => Assert.Equal("app:v2", DeploymentKit.Image(p)));
        Assert.Equal(2, h.Client.PeekAll(replicaSets).Count);
        var status = h.Client.Peek(deployments, "default", "web")!.Obj("status");
        Assert.Equal(3, status.Int("updatedReplicas"));
        Assert.Equal("NewReplicaSetAvailable", DeploymentConditions.Get(status, "Progressing")!.Str("reason"));
        Assert.Contains(h.Events(), e => e.Str("reason") == "ScalingReplicaSet" && (e.Str("message") ?? "").StartsWith("Scaled down replica set web-"));
        Assert.Contains(h.Events(), e => e.Str("reason") == "SuccessfulCreate");
    }
}
