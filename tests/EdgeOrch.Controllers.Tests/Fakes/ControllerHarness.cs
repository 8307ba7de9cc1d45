using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeOrch.Controllers.Tests.Fakes;

/// <summary>
/// Runs controllers for a test: real informers and a real <see cref="ControllerHost"/> over a <see cref="FakeApiClient"/>,
/// with a manual clock by default (delayed requeues fire only when the test calls Clock.Advance).
/// <code>
/// await using var h = new ControllerHarness(ctx => new DeploymentController(ctx));
/// h.Client.Seed(h.Type("apps", "v1", "deployments"), deployment);
/// await h.StartAsync();
/// await h.SettleAsync();
/// </code>
/// </summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    private readonly Func<ControllerContext, IReadOnlyList<IController>> _create;
    private readonly CancellationTokenSource _stop = new();

    public ControllerHarness(Func<ControllerContext, IController> create, FakeApiClient? client = null, TimeProvider? time = null)
        : this(ctx => [create(ctx)], client, time)
    {
    }

    public ControllerHarness(Func<ControllerContext, IReadOnlyList<IController>> create, FakeApiClient? client = null, TimeProvider? time = null)
    {
        _create = create;
        Time = time ?? new ManualTimeProvider();
        Client = client ?? new FakeApiClient(Time);
        Registry = new ResourceRegistry();
        Context = new ControllerContext(Client, new InformerFactory(Client), Registry, Time, new EventRecorder(Client, Time),
            NullLoggerFactory.Instance);
    }

    public FakeApiClient Client { get; }

    public TimeProvider Time { get; }

    /// <summary>The manual clock, when the harness made one (the default).</summary>
    public ManualTimeProvider? Clock => Time as ManualTimeProvider;

    public ResourceRegistry Registry { get; }

    public ControllerContext Context { get; }

    public IReadOnlyList<IController> Controllers { get; private set; } = [];

    public IController Controller => Controllers[0];

    public ControllerHost? Host { get; private set; }

    public ResourceType Type(string group, string version, string plural) => Context.Type(group, version, plural);

    /// <summary>Creates the controllers, starts informers and workers, and waits until the informers have synced.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        Controllers = _create(Context);
        Host = new ControllerHost(Context, Controllers);
        await Host.StartAsync(_stop.Token);
        await Host.Running.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Waits until everything is quiet: every informer cache equals the fake's content, no informer is delivering an event,
    /// every work queue is empty with no key in process, events are written, and no write happened meanwhile.
    /// Delayed requeues (AddAfter) do not count: advance <see cref="Clock"/> for them, then settle again.
    /// </summary>
    public async Task SettleAsync(TimeSpan? timeout = null)
    {
        var host = Host ?? throw new InvalidOperationException("StartAsync first");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            await Context.Events.FlushAsync(cts.Token);
            var before = Client.CurrentResourceVersion;
            if (QueuesIdle(host) && CachesCaughtUp() && QueuesIdle(host) && Client.CurrentResourceVersion == before)
                return;
            try
            {
                await Task.Delay(2, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"controllers did not settle: {Describe(host)}");
            }
        }
    }

    /// <summary>Advances the manual clock (firing due requeues) and settles.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        (Clock ?? throw new InvalidOperationException("the harness runs on a real clock")).Advance(by);
        await SettleAsync();
    }

    /// <summary>The Events recorded so far (as stored in the fake).</summary>
    public IReadOnlyList<JsonObject> Events() => Client.PeekAll(Type("", "v1", "events"));

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Host.StopAsync(timeout.Token);
            Host.Dispose();
        }
        _stop.Dispose();
    }

    private static bool QueuesIdle(ControllerHost host) => host.Queues.Values.All(q => q.IsIdle);

    private bool CachesCaughtUp()
    {
        foreach (var informer in Context.Informers.All)
        {
            if (informer.IsApplying)
                return false;
            var cached = informer.List().Select(Version).ToHashSet();
            var stored = Client.PeekAll(informer.Type).Select(Version).ToHashSet();
            if (!cached.SetEquals(stored) || informer.IsApplying)
                return false;
        }
        return true;
    }

    private static string Version(JsonObject o) =>
        $"{(string?)o["metadata"]?["namespace"]}/{(string?)o["metadata"]?["name"]}@{(string?)o["metadata"]?["resourceVersion"]}";

    private string Describe(ControllerHost host) =>
        string.Join("; ", host.Queues.Select(q => $"queue {q.Key}: {q.Value.Count} queued, idle={q.Value.IsIdle}")
            .Concat(Context.Informers.All.Select(i => $"informer {i.Type.GroupResource}: rv {i.LastResourceVersion}, {i.List().Count} cached vs {Client.PeekAll(i.Type).Count} stored")));
}
