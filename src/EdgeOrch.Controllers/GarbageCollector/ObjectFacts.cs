using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>The few metadata facts the collector reads, on objects held as JSON.</summary>
internal static class ObjectFacts
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    public static JsonObject? Meta(JsonObject obj) => obj["metadata"] as JsonObject;

    public static string Name(JsonObject obj) => Str(Meta(obj), "name") ?? "";

    public static string? Namespace(JsonObject obj) => Str(Meta(obj), "namespace") is { Length: > 0 } ns ? ns : null;

    public static string Uid(JsonObject obj) => Str(Meta(obj), "uid") ?? "";

    public static bool IsDeleting(JsonObject obj) => Meta(obj)?["deletionTimestamp"] is not null;

    public static bool HasFinalizer(JsonObject obj, string finalizer)
    {
        if (Meta(obj)?["finalizers"] is not JsonArray list)
            return false;
        foreach (var f in list)
            if (f is JsonValue v && v.TryGetValue<string>(out var s) && s == finalizer)
                return true;
        return false;
    }

    /// <summary>True when the collector has work on this object as an owner: it waits for it (Foreground or Orphan).</summary>
    public static bool WaitsForCollector(JsonObject obj) =>
        IsDeleting(obj) && (HasFinalizer(obj, ForegroundFinalizer) || HasFinalizer(obj, OrphanFinalizer));

    /// <summary>Removes <paramref name="finalizer"/>; false when it was not there.</summary>
    public static bool RemoveFinalizer(JsonObject obj, string finalizer)
    {
        if (Meta(obj)?["finalizers"] is not JsonArray list)
            return false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonValue v && v.TryGetValue<string>(out var s) && s == finalizer)
            {
                list.RemoveAt(i);
                if (list.Count == 0)
                    Meta(obj)!.Remove("finalizers");
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes the owner references with the given uids; false when none matched.</summary>
    public static bool RemoveOwnerReferences(JsonObject obj, IReadOnlySet<string> uids)
    {
        if (Meta(obj)?["ownerReferences"] is not JsonArray refs)
            return false;
        var removed = false;
        for (var i = refs.Count - 1; i >= 0; i--)
        {
            if (refs[i] is JsonObject r && Str(r, "uid") is { } uid && uids.Contains(uid))
            {
                refs.RemoveAt(i);
                removed = true;
            }
        }
        if (refs.Count == 0)
            Meta(obj)!.Remove("ownerReferences");
        return removed;
    }

    /// <summary>The ownerReferences as text, to tell whether an update changed them.</summary>
    public static string? OwnerReferencesText(JsonObject? obj) => Meta(obj ?? [])?["ownerReferences"]?.ToJsonString();

    private static string? Str(JsonObject? o, string field) => o?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
