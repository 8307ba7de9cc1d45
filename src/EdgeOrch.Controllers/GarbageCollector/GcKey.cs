using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>
/// The collector's work-queue keys name the kind too, since it follows every kind: "group/plural|namespace|name"
/// (namespace empty for cluster-scoped objects), e.g. "apps/replicasets|default|web-7d4f9b8c5d".
/// </summary>
internal readonly record struct GcKey(string ResourceId, string? Namespace, string Name)
{
    public static string Of(string resourceId, JsonObject obj) => $"{resourceId}|{ObjectFacts.Namespace(obj)}|{ObjectFacts.Name(obj)}";

    public static string Of(string resourceId, string? ns, string name) => $"{resourceId}|{ns}|{name}";

    public static bool TryParse(string key, out GcKey parsed)
    {
        parsed = default;
        var first = key.IndexOf('|');
        var second = first < 0 ? -1 : key.IndexOf('|', first + 1);
        if (second < 0)
            return false;
        var ns = key[(first + 1)..second];
        parsed = new GcKey(key[..first], ns.Length == 0 ? null : ns, key[(second + 1)..]);
        return true;
    }
}
