using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

public class ControllerHostTests
{
    /// <summary>A toy controller: gives every ConfigMap a "seen" label and a copy in "mirror-&lt;name&gt;".</summary>
    private sealed class MirrorController(ControllerContext ctx) : IController
    {
        private readonly ResourceType _configMaps = ctx.Type("", "v1", "configmaps");
        private Informer _informer = null!;

        public string Name => "mirror";

        public ConcurrentQueue<string> Reconciled { get; } = new();

        public Func<string, int, ReconcileResult>? Behaviour { get; set; }

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public void Watch(ControllerContext context, IWorkQueue queue)
        {
            _informer = context.Informers.For(_configMaps);
            _informer.Changed += e => queue.Add(ObjectKeys.Of(e.New));
        }

        public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            Reconciled.Enqueue(key);
            var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (Behaviour is not null)
                return Behaviour(key, attempt);
            var obj = _informer.GetByKey(key);
            if (obj is null || ((string?)obj["metadata"]!["name"])!.StartsWith("mirror-"))
                return ReconcileResult.Done;
            var ns = (string)obj["metadata"]!["namespace"]!;
            var name = (string)obj["metadata"]!["name"]!;
            if (_informer.Get(ns, "mirror-" + name) is null)
            {
                await ctx.Client.CreateAsync(_configMaps, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "mirror-" + name, ["namespace"] = ns },
                    ["data"] = obj["data"]?.DeepClone(),
                }, cancellationToken);
                ctx.Events.Record(obj, "Normal", "Mirrored", $"Mirrored to mirror-{name}", "mirror-controller");
            }
            return ReconcileResult.Done;
        }
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task ReconcilesExistingAndNewObjectsUntilSettled()
    {
        MirrorController? c = null;
        await using var h = new ControllerHarness(ctx => c = new MirrorController(ctx));
        var cms = h.Type("", "v1", "configmaps");
        h.Client.Seed(cms, ConfigMap("a"));
        await h.StartAsync();
        await h.SettleAsync();
        Assert.NotNull(h.Client.Peek(cms, "default", "mirror-a"));

        await h.Client.CreateAsync(cms, ConfigMap("b"));
        await h.SettleAsync();
        Assert.NotNull(h.Client.Peek(cms, "default", "mirror-b"));
        Assert.Equal(2, h.Events().Count);
        Assert.Equal(3, h.Client.Writes.Count(w => w.Verb == "create" && w.Type == cms)); // b by the test, two mirrors
    }

    [Fact]
    public async Task ExceptionsRequeueWithGrowingDelay()
    {
        MirrorController? c = null;
        await using var h = new ControllerHarness(ctx => c = new MirrorController(ctx));
        await h.StartAsync();
        c!.Behaviour = (_, _) => throw new InvalidOperationException("always");
        var queue = h.Host!.Queues["mirror"];
        queue.Add("ns/x");
        await h.SettleAsync();
        Assert.Equal(1, c.Attempts["ns/x"]);
        h.Clock!.Advance(TimeSpan.FromMilliseconds(5));
        await h.SettleAsync();
        Assert.Equal(2, c.Attempts["ns/x"]);
        h.Clock.Advance(TimeSpan.FromMilliseconds(9));
        await h.SettleAsync();
        Assert.Equal(2, c.Attempts["ns/x"]); // second delay is 10 ms
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await h.SettleAsync();
        Assert.Equal(3, c.Attempts["ns/x"]);
        Assert.Equal(3, h.Host.Metrics.Errors("mirror"));
        Assert.Contains("controller_reconcile_errors_total{controller=\"mirror\"} 3\n", h.Host.Metrics.Render());
        Assert.Contains("workqueue_retries_total{name=\"mirror\"} 3\n", h.Host.Metrics.Render());
    }

    [Fact]
    public async Task RequeueAfterIsHonoured()
    {
        MirrorController? c = null;
        await using var h = new ControllerHarness(ctx => c = new MirrorController(ctx));
        await h.StartAsync();
        c!.Behaviour = (_, _) => ReconcileResult.After(TimeSpan.FromSeconds(30));
        h.Host!.Queues["mirror"].Add("ns/t");
        await h.SettleAsync();
        Assert.Equal(1, c.Attempts["ns/t"]);
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Equal(1, c.Attempts["ns/t"]);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, c.Attempts["ns/t"]);
    }

    [Fact]
    public async Task StopsCleanly()
    {
        var h = new ControllerHarness(ctx => new MirrorController(ctx));
        await h.StartAsync();
        await h.DisposeAsync();
        Assert.Equal(0, h.Client.OpenWatches);
    }
}
