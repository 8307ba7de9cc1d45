using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Discovery;

/// <summary>One API group as discovery shows it: versions in priority order (preferred first), each with its resources.</summary>
internal sealed record ApiGroupView(string Name, IReadOnlyList<(string Version, IReadOnlyList<ResourceType> Types)> Versions)
{
    public string PreferredVersion => Versions[0].Version;

    public string GroupVersion(string version) => Name.Length == 0 ? version : $"{Name}/{version}";

    /// <summary>Groups in registry order (built-ins first, as listed), core group included under the name "".</summary>
    public static List<ApiGroupView> From(IEnumerable<ResourceType> types)
    {
        var groups = new List<ApiGroupView>();
        foreach (var byGroup in types.GroupBy(t => t.Group))
        {
            var versions = byGroup.GroupBy(t => t.Version)
                .OrderBy(v => v.Key, KubeVersionOrder.Instance)
                .Select(v => (v.Key, (IReadOnlyList<ResourceType>)[.. v]))
                .ToList();
            groups.Add(new ApiGroupView(byGroup.Key, versions));
        }
        return groups;
    }
}
