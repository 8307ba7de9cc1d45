using System.Collections.Immutable;

namespace EdgeOrch.Api.Resources;

/// <summary>
/// The kinds served right now: the built-in ones plus the custom resources of every established CRD.
/// Readers take a snapshot (immutable), writers swap it, so request handling never locks.
/// </summary>
public sealed class ResourceRegistry
{
    private ImmutableArray<ResourceType> _types;

    public ResourceRegistry(IEnumerable<ResourceType>? builtins = null)
    {
        _types = [.. builtins ?? BuiltinResources.Types];
    }

    /// <summary>Raised after the set of kinds changed (a CRD was added or removed).</summary>
    public event Action? Changed;

    public ImmutableArray<ResourceType> All => _types;

    /// <summary>Finds a kind by group, version and plural: the shape of a REST path.</summary>
    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var t in _types)
            if (t.Plural == plural && t.Version == version && t.Group == group)
                return t;
        return null;
    }

    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        foreach (var t in _types)
            if (t.Kind == kind && t.ApiVersion == apiVersion)
                return t;
        return null;
    }

    /// <summary>Replaces the custom kinds that come from one CRD (identified by group and plural).</summary>
    public void SetCustom(string group, string plural, IReadOnlyList<ResourceType> versions)
    {
        ImmutableInterlocked.Update(ref _types, current =>
            [.. current.Where(t => !(t.IsCustom && t.Group == group && t.Plural == plural)), .. versions]);
        Changed?.Invoke();
    }

    public void RemoveCustom(string group, string plural)
    {
        ImmutableInterlocked.Update(ref _types, current =>
            [.. current.Where(t => !(t.IsCustom && t.Group == group && t.Plural == plural))]);
        Changed?.Invoke();
    }
}
