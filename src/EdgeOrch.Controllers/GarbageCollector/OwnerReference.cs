using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>One entry of metadata.ownerReferences, read from an object held as JSON.</summary>
internal sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool BlockOwnerDeletion, bool Controller)
{
    public static IReadOnlyList<OwnerReference> Of(JsonObject obj)
    {
        if ((obj["metadata"] as JsonObject)?["ownerReferences"] is not JsonArray refs || refs.Count == 0)
            return [];
        var result = new List<OwnerReference>(refs.Count);
        foreach (var node in refs)
        {
            if (node is not JsonObject r)
                continue;
            result.Add(new OwnerReference(Str(r, "apiVersion"), Str(r, "kind"), Str(r, "name"), Str(r, "uid"),
                Bool(r, "blockOwnerDeletion"), Bool(r, "controller")));
        }
        return result;
    }

    /// <summary>The group of <see cref="ApiVersion"/> ("" for "v1", "apps" for "apps/v1").</summary>
    public string Group => ApiVersion.IndexOf('/') is var slash and >= 0 ? ApiVersion[..slash] : "";

    private static string Str(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static bool Bool(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
