using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.ReplicaSet;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Tests.ReplicaSet;

/// <summary>
/// An in-memory API for the workload controller tests: uid, resourceVersion (conflicts on stale writes), generation bumps
/// on spec changes, generateName, status kept apart from spec like the real server. Every write is reported through
/// <see cref="Written"/> (synchronously, in order) so the harness can feed the controllers' caches.
/// </summary>
public sealed class WorkloadFakeClient(TimeProvider time) : IApiClient
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Random _random = new(42);
    private long _revision;

    /// <summary>Called after each successful write with the resource plural and the change.</summary>
    public event Action<string, InformerEvent>? Written;

    /// <summary>When set, consulted before each create; a returned exception fails the create.</summary>
    public Func<ResourceType, JsonObject, ApiClientException?>? CreateHook { get; set; }

    public int Creates { get; private set; }

    private static string Key(ResourceType type, string? ns, string name) => $"{type.Plural}|{ns}|{name}";

    public IEnumerable<JsonObject> All(string plural) =>
        _objects.Where(p => p.Key.StartsWith(plural + "|", StringComparison.Ordinal)).Select(p => p.Value.DeepClone().AsObject());

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(Key(type, ns, name), out var o) ? o.DeepClone().AsObject() : null);

    public Task<ObjectList> ListAsync(ResourceType type, string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new ObjectList(All(type.Plural).Where(o => ns is null || o.Namespace() == ns).ToList(), _revision.ToString()));

    public async IAsyncEnumerable<ApiWatchEvent> WatchAsync(ResourceType type, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new NotSupportedException("the workload tests feed caches directly");
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }

    public Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default)
    {
        if (CreateHook?.Invoke(type, obj) is { } failure) throw failure;
        var o = obj.DeepClone().AsObject();
        var meta = o.Meta();
        if (string.IsNullOrEmpty(o.Name()) && meta.Str("generateName") is { } prefix)
            meta["name"] = prefix + new string(Enumerable.Range(0, 5).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());
        var key = Key(type, o.Namespace(), o.Name());
        if (_objects.ContainsKey(key)) throw new ApiClientException(409, "AlreadyExists", $"{type.Plural} \"{o.Name()}\" already exists");
        meta["uid"] = $"uid-{++_revision}";
        meta["resourceVersion"] = _revision.ToString();
        meta["creationTimestamp"] = WorkloadJson.FormatTime(time.GetUtcNow());
        if (type.Plural is "deployments" or "replicasets") meta["generation"] = 1;
        if (type.Plural == "deployments") DefaultDeployment(o);
        if (type.Plural == "replicasets") o.Ensure("spec")["replicas"] ??= 1;
        _objects[key] = o;
        Creates++;
        Written?.Invoke(type.Plural, new InformerEvent(InformerEventType.Added, null, o.DeepClone().AsObject()));
        return Task.FromResult(o.DeepClone().AsObject());
    }

    private static void DefaultDeployment(JsonObject d)
    {
        var spec = d.Ensure("spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        var strategy = spec.Ensure("strategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = strategy.Ensure("rollingUpdate");
            rolling["maxSurge"] ??= "25%";
            rolling["maxUnavailable"] ??= "25%";
        }
    }

    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write(type, obj, status: false));

    public Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write(type, obj, status: true));

    private JsonObject Write(ResourceType type, JsonObject obj, bool status)
    {
        var key = Key(type, obj.Namespace(), obj.Name());
        if (!_objects.TryGetValue(key, out var current))
            throw new ApiClientException(404, "NotFound", $"{type.Plural} \"{obj.Name()}\" not found");
        if (obj.Obj("metadata").Str("resourceVersion") is { Length: > 0 } rv && rv != current.Obj("metadata").Str("resourceVersion"))
            throw new ApiClientException(409, "Conflict", $"the object has been modified; please apply your changes to the latest version");
        JsonObject next;
        if (status)
        {
            next = current.DeepClone().AsObject();
            next["status"] = obj["status"]?.DeepClone();
        }
        else
        {
            next = obj.DeepClone().AsObject();
            if (type.HasStatus) next["status"] = current["status"]?.DeepClone();
            foreach (var f in new[] { "uid", "creationTimestamp", "generation" })
                next.Meta()[f] = current.Obj("metadata")?[f]?.DeepClone();
            if (next.Obj("metadata")?["generation"] is not null && !JsonNode.DeepEquals(next["spec"], current["spec"]))
                next.Meta()["generation"] = current.Generation() + 1;
        }
        if (next["status"] is null) next.Remove("status");
        next.Meta()["resourceVersion"] = (++_revision).ToString();
        _objects[key] = next;
        Written?.Invoke(type.Plural, new InformerEvent(InformerEventType.Updated, current.DeepClone().AsObject(), next.DeepClone().AsObject()));
        return next.DeepClone().AsObject();
    }

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch,
        string? subresource = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the workload controllers write with update");

    public Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        string? preconditionUid = null, CancellationToken cancellationToken = default)
    {
        var key = Key(type, ns, name);
        if (!_objects.Remove(key, out var gone)) return Task.FromResult(false);
        ++_revision;
        Written?.Invoke(type.Plural, new InformerEvent(InformerEventType.Deleted, null, gone.DeepClone().AsObject()));
        return Task.FromResult(true);
    }
}
