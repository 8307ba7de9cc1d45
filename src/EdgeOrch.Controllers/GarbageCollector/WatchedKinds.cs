using System.Collections.Immutable;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>
/// The kinds the collector follows, each through its shared metadata-only informer (it reads nothing but ownerReferences,
/// uid, deletionTimestamp and finalizers, so whole ConfigMaps, Secrets and Pods are not cached for it): every kind of the registry (custom resources included,
/// picked up when the registry changes) except Events, which Kubernetes' collector ignores too. One version per group and
/// plural: all versions of a custom resource are the same stored objects. Lock-free reads (immutable snapshot).
/// </summary>
internal sealed class WatchedKinds(InformerFactory informers, ResourceRegistry registry)
{
    private readonly Lock _lock = new();
    private ImmutableDictionary<string, Informer> _byResource = ImmutableDictionary<string, Informer>.Empty;

    public IEnumerable<Informer> All => _byResource.Values;

    /// <summary>Adds the informers of kinds not followed yet; <paramref name="added"/> is called once for each new one.</summary>
    public void Refresh(Action<Informer> added)
    {
        var fresh = new List<Informer>();
        lock (_lock)
        {
            foreach (var type in registry.All)
            {
                if (IsIgnored(type) || _byResource.ContainsKey(ResourceId(type)))
                    continue;
                var informer = informers.ForMetadata(type);
                _byResource = _byResource.SetItem(ResourceId(type), informer);
                fresh.Add(informer);
            }
        }
        foreach (var informer in fresh)
            added(informer);
    }

    /// <summary>The informer of a followed kind, by its "group/plural" id.</summary>
    public Informer? ByResource(string resourceId) => _byResource.GetValueOrDefault(resourceId);

    /// <summary>The informer of the kind an owner reference names (any served version of its group and kind), or null.</summary>
    public Informer? ForOwner(OwnerReference owner)
    {
        var type = registry.FindByKind(owner.ApiVersion, owner.Kind);
        if (type is null)
        {
            foreach (var t in registry.All)
                if (t.Group == owner.Group && t.Kind == owner.Kind)
                {
                    type = t;
                    break;
                }
        }
        return type is null ? null : ByResource(ResourceId(type));
    }

    public static string ResourceId(ResourceType type) => $"{type.Group}/{type.Plural}";

    private static bool IsIgnored(ResourceType type) => type is { Plural: "events", Group: "" or "events.k8s.io" };
}
