using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Kubernetes' Priority and DefaultTolerationSeconds admission plugins for new pods: spec.priority (and preemptionPolicy)
/// from spec.priorityClassName or the globalDefault PriorityClass, and the 300 s NoExecute tolerations for the
/// not-ready and unreachable taints that node lifecycle eviction reads. PriorityClasses are kept in memory (loaded once,
/// updated on every committed PriorityClass write), so pod creation costs no extra store read.
/// </summary>
public sealed class PodPriorityAdmission(ObjectStorage storage, ResourceRegistry registry) : IAdmissionPlugin
{
    public const long DefaultTolerationSeconds = 300;

    /// <summary>The classes every Kubernetes API server has, even when not stored.</summary>
    private static readonly Dictionary<string, long> SystemClasses = new(StringComparer.Ordinal)
    {
        ["system-cluster-critical"] = 2000000000,
        ["system-node-critical"] = 2000001000,
    };

    private readonly ResourceType _classes = registry.Find("scheduling.k8s.io", "v1", "priorityclasses")!;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly Lock _lock = new();
    private Dictionary<string, JsonObject>? _byName;

    public bool Handles(ResourceType type) => type is { Group: "", Plural: "pods" } or { Group: "scheduling.k8s.io", Plural: "priorityclasses" };

    public async ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation != AdmissionOperation.Create || request.Type.Plural != "pods" || request.Object["spec"] is not JsonObject spec)
            return;
        AddDefaultTolerations(spec);
        await EnsureLoadedAsync(cancellationToken);
        ResolvePriority(request.Object, spec);
    }

    public void Committed(AdmissionRequest request)
    {
        if (request.Type.Plural != "priorityclasses" || _byName is null)
            return;
        lock (_lock)
        {
            var name = ObjectMeta.Name(request.Object) ?? "";
            if (request.Operation == AdmissionOperation.Delete)
                _byName.Remove(name);
            else
                _byName[name] = (JsonObject)request.Object.DeepClone();
        }
    }

    private void ResolvePriority(JsonObject pod, JsonObject spec)
    {
        var className = ObjectMeta.GetString(spec, "priorityClassName");
        long priority;
        string? policy = null;
        lock (_lock)
        {
            if (string.IsNullOrEmpty(className))
            {
                var global = _byName!.Values.Where(c => c["globalDefault"] is JsonValue v && v.TryGetValue<bool>(out var b) && b)
                    .OrderBy(c => Value(c)).FirstOrDefault();
                if (global is null)
                {
                    priority = 0;
                }
                else
                {
                    spec["priorityClassName"] = ObjectMeta.Name(global);
                    priority = Value(global);
                    policy = ObjectMeta.GetString(global, "preemptionPolicy");
                }
            }
            else if (_byName!.TryGetValue(className, out var found))
            {
                priority = Value(found);
                policy = ObjectMeta.GetString(found, "preemptionPolicy");
            }
            else if (SystemClasses.TryGetValue(className, out var system))
            {
                priority = system;
            }
            else
            {
                throw ApiException.Forbidden("pods", ObjectMeta.Name(pod) ?? "", $"no PriorityClass with name {className} was found");
            }
        }
        if (spec["priority"] is JsonValue given && given.TryGetValue<long>(out var asked) && asked != priority)
            throw ApiException.Forbidden("pods", ObjectMeta.Name(pod) ?? "",
                $"the integer value of priority ({asked}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name");
        spec["priority"] = priority;
        if (spec["preemptionPolicy"] is null)
            spec["preemptionPolicy"] = policy ?? "PreemptLowerPriority";
    }

    private static long Value(JsonObject priorityClass) =>
        priorityClass["value"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    /// <summary>Kubernetes' DefaultTolerationSeconds: tolerate not-ready and unreachable for 5 minutes unless the pod says otherwise.</summary>
    private static void AddDefaultTolerations(JsonObject spec)
    {
        var tolerations = spec["tolerations"] as JsonArray;
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var covered = tolerations?.OfType<JsonObject>().Any(t =>
                ObjectMeta.GetString(t, "effect") is null or "" or "NoExecute" &&
                (ObjectMeta.GetString(t, "key") == key || (string.IsNullOrEmpty(ObjectMeta.GetString(t, "key")) && ObjectMeta.GetString(t, "operator") == "Exists"))) == true;
            if (covered)
                continue;
            tolerations ??= (JsonArray)(spec["tolerations"] = new JsonArray());
            tolerations.Add((JsonNode)new JsonObject
            {
                ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = DefaultTolerationSeconds,
            });
        }
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken ct)
    {
        if (_byName is not null)
            return;
        await _loadLock.WaitAsync(ct);
        try
        {
            if (_byName is not null)
                return;
            var list = await storage.Store.ListAsync(_classes.NamespacePrefix(null), cancellationToken: ct);
            var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var entry in list.Items)
            {
                var obj = ObjectStorage.Decode(entry);
                byName[ObjectMeta.Name(obj) ?? ""] = obj;
            }
            lock (_lock)
                _byName ??= byName;
        }
        finally
        {
            _loadLock.Release();
        }
    }
}
