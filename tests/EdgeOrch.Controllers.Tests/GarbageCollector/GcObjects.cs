using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Tests.GarbageCollector;

/// <summary>Small object builders for the collector's tests.</summary>
internal static class GcObjects
{
    public static JsonObject Make(string apiVersion, string kind, string name, params JsonObject[] owners)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "default" };
        if (owners.Length > 0)
            meta["ownerReferences"] = new JsonArray([.. owners.Select(o => (JsonNode)o)]);
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta };
    }

    /// <summary>A reference to <paramref name="owner"/> (as stored, with its uid), as controllers write them.</summary>
    public static JsonObject RefTo(JsonObject owner, bool block = true) => new()
    {
        ["apiVersion"] = (string?)owner["apiVersion"],
        ["kind"] = (string?)owner["kind"],
        ["name"] = (string?)owner["metadata"]!["name"],
        ["uid"] = (string?)owner["metadata"]!["uid"],
        ["controller"] = true,
        ["blockOwnerDeletion"] = block,
    };

    public static JsonObject RefTo(string apiVersion, string kind, string name, string uid) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>Marks an object as the API server does for a Foreground or Orphan delete.</summary>
    public static JsonObject Deleting(JsonObject obj, string finalizer)
    {
        var meta = (JsonObject)obj["metadata"]!;
        meta["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        meta["finalizers"] = new JsonArray(finalizer);
        return obj;
    }

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? [.. a.Select(n => (string)n!)] : [];

    public static IReadOnlyList<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray a ? [.. a.Select(n => (string)n!["uid"]!)] : [];

    public static string Uid(JsonObject obj) => (string)obj["metadata"]!["uid"]!;
}
