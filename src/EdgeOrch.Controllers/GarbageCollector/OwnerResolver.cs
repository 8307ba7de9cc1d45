using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>
/// Decides whether an owner still exists, by uid: first from the informer cache, and when the cache does not show it, by
/// asking the API (the cache may lag behind a just-created owner; deleting a dependent on a stale read would be wrong).
/// Uids never come back, so owners confirmed absent are remembered (bounded) and not asked about again.
/// </summary>
internal sealed class OwnerResolver(WatchedKinds kinds, IApiClient client)
{
    private const int MaxRememberedAbsent = 4096;
    private readonly ConcurrentDictionary<string, byte> _absent = new(StringComparer.Ordinal);

    public async Task<OwnerState> ClassifyAsync(OwnerReference owner, string? dependentNamespace, CancellationToken ct)
    {
        if (owner.Uid.Length == 0)
            return OwnerState.Unresolvable;
        if (_absent.ContainsKey(owner.Uid))
            return OwnerState.Dangling;
        var informer = kinds.ForOwner(owner);
        if (informer is null)
            return OwnerState.Unresolvable;
        var type = informer.Type;
        if (type.Namespaced && dependentNamespace is null)
            return OwnerState.Unresolvable;
        var ns = type.Namespaced ? dependentNamespace : null;

        await informer.Synced.WaitAsync(ct);
        var cached = informer.Get(ns, owner.Name);
        if (cached is not null && ObjectFacts.Uid(cached) == owner.Uid)
            return StateOf(cached);

        JsonObject? live;
        try
        {
            live = await client.GetAsync(type, ns, owner.Name, ct);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            live = null;
        }
        if (live is not null && ObjectFacts.Uid(live) == owner.Uid)
            return StateOf(live);
        Remember(owner.Uid);
        return OwnerState.Dangling;
    }

    /// <summary>Whether the owner reference points at a namespaced kind from a cluster-scoped dependent (never valid).</summary>
    public bool IsInvalidNamespaceReference(OwnerReference owner, string? dependentNamespace) =>
        dependentNamespace is null && kinds.ForOwner(owner)?.Type.Namespaced == true;

    private static OwnerState StateOf(JsonObject owner) =>
        ObjectFacts.IsDeleting(owner) && ObjectFacts.HasFinalizer(owner, ObjectFacts.ForegroundFinalizer)
            ? OwnerState.WaitingForDependents
            : OwnerState.Solid;

    private void Remember(string uid)
    {
        if (_absent.Count >= MaxRememberedAbsent)
            _absent.Clear();
        _absent.TryAdd(uid, 0);
    }
}
