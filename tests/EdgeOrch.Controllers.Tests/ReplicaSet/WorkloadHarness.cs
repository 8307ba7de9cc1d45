using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Deployment;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Tests.ReplicaSet;

/// <summary>
/// Runs the ReplicaSet and Deployment controllers over <see cref="WorkloadFakeClient"/> deterministically: writes become
/// informer events, delivered to snapshot caches and to the controllers' handlers; queued keys are reconciled one at a time,
/// ReplicaSet keys first (as if that controller were always quick), until nothing is left. Delayed keys wait for the clock.
/// Without <see cref="RunAsync"/> the caches do not move, which is how a test shows an informer lagging behind.
/// </summary>
public sealed class WorkloadHarness
{
    public const string Ns = "default";
    public static readonly ResourceType Pods = Type("pods");
    public static readonly ResourceType ReplicaSets = Type("replicasets");
    public static readonly ResourceType Deployments = Type("deployments");

    private readonly Queue<(string Plural, InformerEvent Event)> _pending = new();
    private readonly Dictionary<string, SnapshotCache> _caches = new()
    {
        ["pods"] = new(), ["replicasets"] = new(), ["deployments"] = new(),
    };

    public WorkloadHarness(bool withDeployments = true)
    {
        Client = new WorkloadFakeClient(Time);
        RsQueue = new TestQueue(Time);
        DeployQueue = new TestQueue(Time);
        Client.Written += (plural, e) =>
        {
            _pending.Enqueue((plural, e));
            AfterEachWrite?.Invoke();
        };
        ReplicaSetController = new ReplicaSetController(Client, ReplicaSets, Pods, _caches["replicasets"], _caches["pods"],
            Record, Time);
        if (withDeployments)
            DeploymentController = new DeploymentController(Client, Deployments, ReplicaSets, Pods, _caches["deployments"],
                _caches["replicasets"], _caches["pods"], Record, Time);
    }

    public FakeTime Time { get; } = new();

    public WorkloadFakeClient Client { get; }

    internal ReplicaSetController ReplicaSetController { get; }

    internal DeploymentController? DeploymentController { get; }

    public TestQueue RsQueue { get; }

    public TestQueue DeployQueue { get; }

    public List<(string Kind, string Name, string Type, string Reason, string Message)> Events { get; } = [];

    /// <summary>Runs after every write the controllers (or the test) make: for invariants that must hold at every step.</summary>
    public Action? AfterEachWrite { get; set; }

    private static ResourceType Type(string plural) => BuiltinResources.Types.First(t => t.Plural == plural);

    private void Record(JsonObject involved, string type, string reason, string message) =>
        Events.Add((involved.Str("kind") ?? "", involved.Name(), type, reason, message));

    /// <summary>Delivers pending events and reconciles until everything is quiet. Returns the number of reconciles.</summary>
    public async Task<int> RunAsync(int maxSteps = 10_000)
    {
        var steps = 0;
        while (true)
        {
            Deliver();
            RsQueue.PromoteDue(Time.GetUtcNow());
            DeployQueue.PromoteDue(Time.GetUtcNow());
            IController? controller = null;
            string? key = null;
            if (RsQueue.TryTake(out var rsKey)) (controller, key) = (ReplicaSetController, rsKey);
            else if (DeploymentController is not null && DeployQueue.TryTake(out var dKey)) (controller, key) = (DeploymentController, dKey);
            if (controller is null) return steps;
            if (++steps > maxSteps) throw new InvalidOperationException("controllers did not settle");
            var queue = controller == ReplicaSetController ? RsQueue : DeployQueue;
            try
            {
                var result = await controller.ReconcileAsync(key!, CancellationToken.None);
                if (result.RequeueAfter is { } after) queue.AddAfter(key!, after);
            }
            catch (Api.Client.ApiClientException)
            {
                // The runtime requeues with back-off; here: deliver what happened and try again.
                Deliver();
                queue.Add(key!);
            }
        }
    }

    /// <summary>Moves the clock and runs whatever became due.</summary>
    public Task<int> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return RunAsync();
    }

    /// <summary>Feeds pending writes to the caches and handlers without reconciling.</summary>
    public void Deliver()
    {
        while (_pending.TryDequeue(out var item))
        {
            _caches[item.Plural].Apply(item.Event);
            switch (item.Plural)
            {
                case "pods":
                    ReplicaSetController.OnPodChanged(item.Event, RsQueue);
                    DeploymentController?.OnPodChanged(item.Event, DeployQueue);
                    break;
                case "replicasets":
                    ReplicaSetController.OnReplicaSetChanged(item.Event, RsQueue);
                    DeploymentController?.OnReplicaSetChanged(item.Event, DeployQueue);
                    break;
                case "deployments":
                    if (DeploymentController is not null) Controllers.Deployment.DeploymentController.OnDeploymentChanged(item.Event, DeployQueue);
                    break;
            }
        }
    }

    public List<JsonObject> AllPods() => Client.All("pods").OrderBy(p => p.Name()).ToList();

    public List<JsonObject> ActivePods() => AllPods().Where(PodState.IsActive).ToList();

    public List<JsonObject> AllReplicaSets() => Client.All("replicasets").OrderBy(r => r.Name()).ToList();

    public JsonObject? Get(ResourceType type, string name) => Client.GetAsync(type, Ns, name).Result;

    /// <summary>What a kubelet would report: Running, and Ready since now.</summary>
    public Task SetReadyAsync(JsonObject pod, bool ready = true)
    {
        var current = Get(Pods, pod.Name())!;
        current["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["lastTransitionTime"] = WorkloadJson.FormatTime(Time.GetUtcNow()),
            }),
        };
        return Client.UpdateStatusAsync(Pods, current);
    }

    public async Task SetAllReadyAsync()
    {
        foreach (var pod in ActivePods().Where(p => !PodState.IsReady(p)))
            await SetReadyAsync(pod);
    }

    public Task SetPhaseAsync(JsonObject pod, string phase)
    {
        var current = Get(Pods, pod.Name())!;
        current.Ensure("status")["phase"] = phase;
        return Client.UpdateStatusAsync(Pods, current);
    }

    /// <summary>A pod template with one container; labels app=<paramref name="app"/>.</summary>
    public static JsonObject Template(string app, string image) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }),
        },
    };

    public static JsonObject Selector(string app) => new() { ["matchLabels"] = new JsonObject { ["app"] = app } };
}

/// <summary>A cache fed only by delivered events.</summary>
internal sealed class SnapshotCache : IObjectCache
{
    private readonly SortedDictionary<string, JsonObject> _items = new(StringComparer.Ordinal);

    public void Apply(InformerEvent e)
    {
        var key = e.New.Key();
        if (e.Type == InformerEventType.Deleted) _items.Remove(key);
        else _items[key] = e.New;
    }

    public JsonObject? Get(string? ns, string name) => _items.GetValueOrDefault(ns is null ? name : $"{ns}/{name}");

    public IReadOnlyList<JsonObject> List(string? ns) =>
        _items.Values.Where(o => ns is null || o.Namespace() == ns).ToList();
}

/// <summary>A deduplicating FIFO queue with delayed keys released by the fake clock.</summary>
public sealed class TestQueue(TimeProvider time) : IWorkQueue
{
    private readonly LinkedList<string> _ready = new();
    private readonly List<(string Key, DateTimeOffset Due)> _delayed = [];

    public List<string> Added { get; } = [];

    public List<(string Key, TimeSpan Delay)> Delayed { get; } = [];

    public void Add(string key)
    {
        Added.Add(key);
        if (!_ready.Contains(key)) _ready.AddLast(key);
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        Delayed.Add((key, delay));
        _delayed.Add((key, time.GetUtcNow() + delay));
    }

    public void PromoteDue(DateTimeOffset now)
    {
        foreach (var item in _delayed.Where(d => d.Due <= now).ToList())
        {
            _delayed.Remove(item);
            Add(item.Key);
        }
    }

    public bool TryTake(out string key)
    {
        if (_ready.First is { } first)
        {
            key = first.Value;
            _ready.RemoveFirst();
            return true;
        }
        key = "";
        return false;
    }
}
