using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace EdgeOrch.Tools.GenOpenApi;

/// <summary>
/// Knows which KubernetesClient model type stands for which kind, and which OpenAPI definition name each type gets.
/// The client flattens every package into k8s.Models, so the package of a non-kind type is inferred: meta types are
/// listed by name, every other type belongs to the group of the first kind (in root order) that reaches it.
/// </summary>
internal sealed partial class ModelCatalog
{
    public const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";
    public const string TimeName = MetaPackage + ".Time";
    public const string IntOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string QuantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    // Types that live in apimachinery's meta/v1 package upstream (facts about the API's layout).
    private static readonly HashSet<string> MetaTypes =
    [
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry",
        "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "Condition", "WatchEvent",
        "APIResource", "APIResourceList", "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery",
        "ServerAddressByClientCIDR",
    ];

    private readonly Dictionary<(string Group, string Version, string Kind), Type> _kinds = [];
    private readonly Dictionary<Type, string> _names = [];

    public ModelCatalog()
    {
        foreach (var t in typeof(V1Deployment).Assembly.GetTypes())
        {
            var entity = t.GetCustomAttribute<KubernetesEntityAttribute>();
            if (entity is null || t.Namespace != "k8s.Models")
                continue;
            _kinds.TryAdd((entity.Group ?? "", entity.ApiVersion, entity.Kind), t);
        }
    }

    public Type? FindKind(string group, string version, string kind) =>
        _kinds.TryGetValue((group, version, kind), out var t) ? t : null;

    public static KubernetesEntityAttribute? EntityOf(Type t) => t.GetCustomAttribute<KubernetesEntityAttribute>();

    /// <summary>The definition name of a model type, fixing its package the first time it is met.</summary>
    public string NameOf(Type t, string reachedFromGroup)
    {
        if (_names.TryGetValue(t, out var known))
            return known;
        var (version, bare) = SplitClrName(t.Name);
        var entity = EntityOf(t);
        string package;
        if (MetaTypes.Contains(bare))
            package = MetaPackage;
        else
            package = PackageOf(entity?.Group ?? reachedFromGroup, version);
        var name = $"{package}.{bare}";
        _names[t] = name;
        return name;
    }

    public static string PackageOf(string group, string version)
    {
        if (group == "apiextensions.k8s.io")
            return $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}";
        var pkg = group.Length == 0 ? "core" : group.Split('.')[0];
        return $"io.k8s.api.{pkg}.{version}";
    }

    /// <summary>"V1beta1Foo" -> ("v1beta1", "Foo"); "Corev1Event" -> ("v1", "Event").</summary>
    public static (string Version, string Bare) SplitClrName(string clrName)
    {
        var m = VersionPrefix().Match(clrName);
        if (!m.Success)
            return ("v1", clrName);
        return (m.Groups["v"].Value.ToLowerInvariant(), clrName[m.Length..]);
    }

    [GeneratedRegex("^(?:[A-Z][a-z]+)?(?<v>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
