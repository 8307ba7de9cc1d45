using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Discovery;

/// <summary>Builds the discovery documents (legacy lists and aggregated apidiscovery.k8s.io) as JSON.</summary>
internal sealed class DiscoveryDocumentBuilder(IReadOnlySet<string> servedSubresources)
{
    /// <summary>/api: APIVersions.</summary>
    public static JsonObject ApiVersions(ApiGroupView? core) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = Strings(core?.Versions.Select(v => v.Version) ?? []),
        ["serverAddressByClientCIDRs"] = new JsonArray(),
    };

    /// <summary>/apis: APIGroupList of the named groups.</summary>
    public static JsonObject GroupList(IEnumerable<ApiGroupView> groups) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)Group(g, typed: false))]),
    };

    /// <summary>/apis/G: APIGroup (typed) or an entry of APIGroupList.</summary>
    public static JsonObject Group(ApiGroupView g, bool typed)
    {
        var obj = new JsonObject();
        if (typed)
        {
            obj["kind"] = "APIGroup";
            obj["apiVersion"] = "v1";
        }
        obj["name"] = g.Name;
        obj["versions"] = new JsonArray([.. g.Versions.Select(v => (JsonNode)VersionEntry(g, v.Version))]);
        obj["preferredVersion"] = VersionEntry(g, g.PreferredVersion);
        return obj;
    }

    private static JsonObject VersionEntry(ApiGroupView g, string version) => new()
    {
        ["groupVersion"] = g.GroupVersion(version),
        ["version"] = version,
    };

    /// <summary>/api/v1, /apis/G/V: APIResourceList, subresources as "plural/sub" entries.</summary>
    public JsonObject ResourceList(ApiGroupView g, string version, IReadOnlyList<ResourceType> types)
    {
        var resources = new JsonArray();
        foreach (var t in types)
        {
            var entry = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.SingularName,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Strings(ResourceType.AllVerbs),
            };
            if (t.ShortNames.Length > 0)
                entry["shortNames"] = Strings(t.ShortNames);
            if (t.Categories is { Length: > 0 } categories)
                entry["categories"] = Strings(categories);
            resources.Add((JsonNode)entry);
            foreach (var sub in SubresourcesOf(t))
            {
                var subEntry = new JsonObject
                {
                    ["name"] = $"{t.Plural}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                };
                if (sub.Group is not null)
                {
                    subEntry["group"] = sub.Group;
                    subEntry["version"] = sub.Version;
                }
                subEntry["kind"] = sub.Kind.Length == 0 ? t.Kind : sub.Kind;
                subEntry["verbs"] = Strings(sub.Verbs);
                resources.Add((JsonNode)subEntry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = g.GroupVersion(version),
            ["resources"] = resources,
        };
    }

    /// <summary>/api or /apis with an aggregated Accept: APIGroupDiscoveryList.</summary>
    public JsonObject Aggregated(IEnumerable<ApiGroupView> groups, DiscoveryFormat format)
    {
        var items = new JsonArray();
        foreach (var g in groups)
        {
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (g.Name.Length > 0)
                metadata["name"] = g.Name;
            var versions = new JsonArray();
            foreach (var (version, types) in g.Versions)
            {
                versions.Add((JsonNode)new JsonObject
                {
                    ["version"] = version,
                    ["resources"] = new JsonArray([.. types.Select(t => (JsonNode)AggregatedResource(t))]),
                    ["freshness"] = "Current",
                });
            }
            items.Add((JsonNode)new JsonObject { ["metadata"] = metadata, ["versions"] = versions });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = format == DiscoveryFormat.AggregatedV2Beta1 ? "apidiscovery.k8s.io/v2beta1" : "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private JsonObject AggregatedResource(ResourceType t)
    {
        var entry = new JsonObject
        {
            ["resource"] = t.Plural,
            ["responseKind"] = Kind(t.Group, t.Version, t.Kind),
            ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = t.SingularName,
            ["verbs"] = Strings(ResourceType.AllVerbs),
        };
        if (t.ShortNames.Length > 0)
            entry["shortNames"] = Strings(t.ShortNames);
        if (t.Categories is { Length: > 0 } categories)
            entry["categories"] = Strings(categories);
        var subs = new JsonArray();
        foreach (var sub in SubresourcesOf(t))
        {
            subs.Add((JsonNode)new JsonObject
            {
                ["subresource"] = sub.Name,
                ["responseKind"] = Kind(sub.Group ?? t.Group, sub.Version ?? t.Version, sub.Kind.Length == 0 ? t.Kind : sub.Kind),
                ["verbs"] = Strings(sub.Verbs),
            });
        }
        if (subs.Count > 0)
            entry["subresources"] = subs;
        return entry;
    }

    private IEnumerable<Subresource> SubresourcesOf(ResourceType t)
    {
        var found = new List<Subresource>();
        if (t.Group.Length == 0)
        {
            foreach (var (key, sub) in KnownSubresources.Optional)
                if (key.StartsWith(t.Plural + "/", StringComparison.Ordinal) && servedSubresources.Contains(key))
                    found.Add(sub);
        }
        if (t.HasScale)
            found.Add(KnownSubresources.Scale);
        if (t.HasStatus)
            found.Add(KnownSubresources.Status);
        return found.OrderBy(s => s.Name, StringComparer.Ordinal);
    }

    private static JsonObject Kind(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
