using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Tests.ReplicaSet;
using static EdgeOrch.Controllers.Tests.ReplicaSet.WorkloadHarness;

namespace EdgeOrch.Controllers.Tests.Deployment;

/// <summary>Shared steps of the Deployment tests: create, change, and drive a Deployment through the harness.</summary>
internal static class DeploymentKit
{
    public static Task<JsonObject> CreateAsync(WorkloadHarness h, string name, int replicas, string image,
        JsonObject? strategy = null, Action<JsonObject>? spec = null)
    {
        var s = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = Selector(name),
            ["template"] = Template(name, image),
        };
        if (strategy is not null) s["strategy"] = strategy;
        spec?.Invoke(s);
        return h.Client.CreateAsync(Deployments, new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = s,
        });
    }

    public static JsonObject Rolling(JsonNode surge, JsonNode unavailable) => new()
    {
        ["type"] = "RollingUpdate",
        ["rollingUpdate"] = new JsonObject { ["maxSurge"] = surge, ["maxUnavailable"] = unavailable },
    };

    public static async Task EditAsync(WorkloadHarness h, string name, Action<JsonObject> edit)
    {
        var d = h.Get(Deployments, name)!;
        edit(d);
        await h.Client.UpdateAsync(Deployments, d);
    }

    public static Task SetImageAsync(WorkloadHarness h, string name, string image) =>
        EditAsync(h, name, d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image);

    public static string Image(JsonObject pod) => pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    /// <summary>Runs the controllers, then makes pods ready one at a time (running after each) until nothing is left to do.</summary>
    public static async Task SettleAsync(WorkloadHarness h, int maxRounds = 500)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            await h.RunAsync();
            var waiting = h.ActivePods().FirstOrDefault(p => !PodState.IsReady(p));
            if (waiting is null) return;
            await h.SetReadyAsync(waiting);
        }
        throw new InvalidOperationException("rollout did not settle");
    }

    public static JsonObject Status(WorkloadHarness h, string name) => h.Get(Deployments, name)!.Obj("status") ?? [];

    public static JsonObject? Condition(WorkloadHarness h, string name, string type) =>
        DeploymentConditions.Get(Status(h, name), type);

    public static JsonObject NewSet(WorkloadHarness h, string name)
    {
        var template = h.Get(Deployments, name)!.Obj("spec").Obj("template");
        return h.AllReplicaSets().Single(rs => PodTemplateHash.EqualIgnoreHash(rs.Obj("spec").Obj("template"), template));
    }

    public static int SpecReplicas(JsonObject rs) => (int)(rs.Obj("spec").Int("replicas") ?? 0);
}
