using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Storage;

/// <summary>Reads and writes the metadata fields the server manages, on an object held as JSON.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
            return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    public static string? GetString(JsonObject? obj, string field) =>
        obj?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Name(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "name");

    public static string? Namespace(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "namespace");

    public static string? ResourceVersion(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "resourceVersion");

    public static string? Uid(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "uid");

    public static bool IsDeleting(JsonObject obj) => (obj["metadata"] as JsonObject)?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["finalizers"] is JsonArray a
            ? a.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList()
            : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var meta = Metadata(obj);
        if (finalizers.Count == 0)
            meta.Remove("finalizers");
        else
            meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
    }

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        if ((obj["metadata"] as JsonObject)?["labels"] is not JsonObject labels)
            return EmptyLabels;
        var result = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (k, v) in labels)
            result[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        return result;
    }

    public static long Generation(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>Kubernetes' timestamp format (RFC 3339, seconds, UTC).</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> EmptyLabels = new();
}
