using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Maintains metadata.managedFields for ordinary writes (create, update, patch) the way the Kubernetes API server does:
/// the writer takes ownership of every field it added or changed, away from every other manager (Apply entries included:
/// an update never conflicts, it just takes over), and fields that disappeared leave every manager.
/// </summary>
public static class ManagedFields
{
    public const string OperationApply = ManagedFieldsEntry.Apply;
    public const string OperationUpdate = ManagedFieldsEntry.Update;

    /// <summary>Kubernetes keeps at most this many Update entries; older ones are folded into <see cref="AncientChangesManager"/>.</summary>
    public const int MaxUpdateManagers = 10;

    public const string AncientChangesManager = "ancient-changes";

    /// <summary>As <see cref="RecordUpdate(JsonObject?, JsonObject, string, string, string?, DateTimeOffset, ResourceType)"/>,
    /// finding the kind among the built-in resources by apiVersion and kind (unknown kinds: every list atomic).</summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string operation, string? subresource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        string? apiVersion = (string?)newObj["apiVersion"];
        string? kind = (string?)newObj["kind"];
        var type = BuiltinResources.Types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind)
                   ?? new ResourceType("", "", kind ?? "", "", true, []) { IsCustom = true };
        RecordUpdate(oldObj, newObj, manager, operation, subresource, now, type);
    }

    /// <summary>
    /// Updates <paramref name="newObj"/>'s metadata.managedFields in place for a write by <paramref name="manager"/>.
    /// <paramref name="oldObj"/> is null on create. Managed fields the client sent in <paramref name="newObj"/> (kubectl does so
    /// when it migrates client-side apply ownership) are taken as the starting point; a single empty entry clears them.
    /// </summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string operation, string? subresource,
        DateTimeOffset now, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentException.ThrowIfNullOrEmpty(manager);
        ArgumentNullException.ThrowIfNull(type);

        if (newObj["metadata"]?["managedFields"] is JsonArray sent && sent.Count == 1 && sent[0] is JsonObject { Count: 0 })
        {
            newObj["metadata"]!.AsObject().Remove("managedFields");
            return;
        }

        var entries = ManagedFieldsEntry.Read(newObj);
        if (entries.Count == 0) entries = ManagedFieldsEntry.Read(oldObj);

        var schema = MergeKeyTable.For(type);
        bool hasStatus = type.HasStatus;
        var changes = ObjectFields.Compare(
            oldObj is null ? null : ManagedFieldsScope.Strip(oldObj, hasStatus, subresource),
            ManagedFieldsScope.Strip(newObj, hasStatus, subresource), schema, markMaps: true);

        Record(entries, changes, manager, operation, subresource, (string?)newObj["apiVersion"], now);
        CapUpdateManagers(entries);
        ManagedFieldsEntry.Write(newObj, entries);
    }

    /// <summary>Moves ownership of a change to the writer; shared by updates and by server-side apply.</summary>
    internal static ManagedFieldsEntry Record(List<ManagedFieldsEntry> entries, ObjectFields.Changes changes, string manager,
        string operation, string? subresource, string? apiVersion, DateTimeOffset now)
    {
        FieldSet touched = changes.Touched;
        var mine = entries.FirstOrDefault(e => e.Is(manager, operation, subresource));
        foreach (var entry in entries)
        {
            entry.Fields = entry.Fields.Except(changes.Removed);
            if (!ReferenceEquals(entry, mine)) entry.Fields = entry.Fields.Except(touched);
        }

        if (mine is null)
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = operation, Subresource = subresource };
            entries.Add(mine);
        }

        mine.Fields = mine.Fields.Union(touched);
        // Like Kubernetes, the entry's time moves only when this write took fields.
        if (mine.Time is null || !touched.IsEmpty)
        {
            mine.Time = ManagedFieldsEntry.FormatTime(now);
            mine.ApiVersion = apiVersion;
        }
        return mine;
    }

    /// <summary>Many controllers writing one object would grow managedFields without bound; fold the oldest Update entries.</summary>
    private static void CapUpdateManagers(List<ManagedFieldsEntry> entries)
    {
        var updates = entries
            .Where(e => e.Operation == ManagedFieldsEntry.Update && !e.Fields.IsEmpty)
            .OrderBy(e => e.Time ?? "", StringComparer.Ordinal)
            .ToList();
        if (updates.Count <= MaxUpdateManagers) return;

        var bucket = entries.FirstOrDefault(e => e.Is(AncientChangesManager, ManagedFieldsEntry.Update, null));
        if (bucket is null)
        {
            bucket = new ManagedFieldsEntry { Manager = AncientChangesManager, Operation = ManagedFieldsEntry.Update };
            entries.Add(bucket);
        }
        else
        {
            updates.Remove(bucket);
        }

        // Keep MaxUpdateManagers entries in all, the bucket included.
        foreach (var oldest in updates.Take(updates.Count - (MaxUpdateManagers - 1)))
        {
            bucket.Fields = bucket.Fields.Union(oldest.Fields);
            bucket.Time = oldest.Time;
            bucket.ApiVersion ??= oldest.ApiVersion;
            entries.Remove(oldest);
        }
    }
}
