using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeOrch.ApiServer.Tests.Client;

/// <summary>The controller runtime (informers, host, events) over the in-process client and a real store.</summary>
public class ControllerRuntimeOverServerTests
{
    /// <summary>Labels every ConfigMap with "seen=true" and records an Event about it.</summary>
    private sealed class LabelController(ControllerContext ctx) : IController
    {
        private Informer _informer = null!;

        public string Name => "label";

        public void Watch(ControllerContext context, IWorkQueue queue)
        {
            _informer = context.Informers.For(context.Type("", "v1", "configmaps"));
            _informer.Changed += e => queue.Add(ObjectKeys.Of(e.New));
        }

        public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            var obj = _informer.GetByKey(key);
            if (obj is null || (string?)obj["metadata"]?["labels"]?["seen"] == "true")
                return ReconcileResult.Done;
            var (ns, name) = ObjectKeys.Split(key);
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["seen"] = "true" } } };
            await ctx.Client.PatchAsync(_informer.Type, ns, name, Api.Client.PatchType.StrategicMerge, patch, cancellationToken: cancellationToken);
            ctx.Events.Record(obj, "Normal", "Seen", $"Saw {name}", "label-controller");
            return ReconcileResult.Done;
        }
    }

    [Fact]
    public async Task AControllerReactsToObjectsCreatedBeforeAndAfterItStarts()
    {
        await using var server = await InProcessServer.StartAsync();
        var cms = server.Type("", "v1", "configmaps");
        var events = server.Type("", "v1", "events");
        JsonObject Cm(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" } };
        await server.Client.CreateAsync(cms, Cm("before"));

        var context = new ControllerContext(server.Client, new InformerFactory(server.Client), server.Registry, TimeProvider.System,
            new EventRecorder(server.Client), NullLoggerFactory.Instance);
        using var host = new ControllerHost(context, [new LabelController(context)]);
        await host.StartAsync(CancellationToken.None);
        await host.Running.WaitAsync(TimeSpan.FromSeconds(10));
        await server.Client.CreateAsync(cms, Cm("after"));

        async Task<bool> SeenAsync(string name) =>
            (string?)(await server.Client.GetAsync(cms, "default", name))?["metadata"]?["labels"]?["seen"] == "true";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await SeenAsync("before") && await SeenAsync("after")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the controller did not label both ConfigMaps");
            await Task.Delay(20);
        }
        // The label patch lands before the reconcile records its Event, so the second Event may still be on its way.
        IReadOnlyList<JsonObject> recorded;
        while (true)
        {
            await context.Events.FlushAsync();
            recorded = (await server.Client.ListAsync(events, "default")).Items;
            if (recorded.Count >= 2 || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(20);
        }
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, e => Assert.Equal("Seen", (string?)e["reason"]));
        Assert.True(host.Metrics.Reconciles("label") >= 2); // each ConfigMap, plus the updates the patches caused

        await host.StopAsync(CancellationToken.None);
    }
}
