using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Server-side apply (PATCH with application/apply-patch+yaml, what kubectl apply --server-side sends): the applied
/// configuration is merged onto the live object and its fields become owned by the manager (operation Apply); fields the
/// manager applied before and dropped now are removed unless someone else owns them; changing a field another manager owns
/// is a conflict unless forced, and forcing takes the field over.
/// </summary>
public static class ServerSideApply
{
    /// <summary>The manager Kubernetes credits with the fields of an object that had no managedFields before its first apply.</summary>
    public const string BeforeFirstApplyManager = "before-first-apply";

    /// <exception cref="PatchException">The configuration has associative-list items without keys or with duplicate keys.</exception>
    /// <param name="live">The stored object, or null when the apply creates it.</param>
    /// <param name="applied">The apply configuration (already converted from YAML).</param>
    /// <param name="subresource">"status" when applying to the status subresource; null for the main resource.</param>
    public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, ResourceType type,
        DateTimeOffset now, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentException.ThrowIfNullOrEmpty(manager);
        ArgumentNullException.ThrowIfNull(type);

        var schema = MergeKeyTable.For(type);
        var config = (JsonObject)applied.DeepClone();
        (config["metadata"] as JsonObject)?.Remove("managedFields");
        ApplyMerge.RemoveNulls(config);
        ApplyConfigValidator.Validate(config, schema);
        string apiVersion = (string?)config["apiVersion"] ?? type.ApiVersion;

        // Only what this endpoint may change is merged; the rest of the configuration is ignored, as the API server's reset does.
        JsonObject scopedConfig = ManagedFieldsScope.Strip(config, type.HasStatus, subresource);
        JsonObject configToMerge = subresource == "status" ? (JsonObject)scopedConfig.DeepClone() : WithoutStatus(config, type.HasStatus);
        FieldSet configSet = ObjectFields.Of(scopedConfig, schema, markMaps: false);

        var entries = ManagedFieldsEntry.Read(live);
        if (live is not null && entries.Count == 0)
        {
            entries.Add(new ManagedFieldsEntry
            {
                Manager = BeforeFirstApplyManager,
                Operation = ManagedFieldsEntry.Update,
                ApiVersion = apiVersion,
                Time = ManagedFieldsEntry.FormatTime(now),
                Fields = ObjectFields.Of(ManagedFieldsScope.Strip(live, type.HasStatus, subresource), schema, markMaps: true),
            });
        }

        var mine = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.Apply, subresource));
        FieldSet previous = mine?.Fields ?? new FieldSet();
        var others = entries.Where(e => !ReferenceEquals(e, mine)).ToList();

        JsonObject merged = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        (merged["metadata"] as JsonObject)?.Remove("managedFields");
        merged = ApplyMerge.Merge(merged, configToMerge, schema);
        FieldSet owned = others.Aggregate(configSet, (acc, e) => acc.Union(e.Fields));
        ApplyMerge.Prune(merged, previous, owned, schema);

        var changes = ObjectFields.Compare(
            live is null ? null : ManagedFieldsScope.Strip(live, type.HasStatus, subresource),
            ManagedFieldsScope.Strip(merged, type.HasStatus, subresource), schema, markMaps: false);
        FieldSet touched = changes.Touched;

        var conflicts = new List<ApplyConflict>();
        foreach (var other in others)
        {
            foreach (var path in other.Fields.Intersect(touched).Paths)
            {
                conflicts.Add(new ApplyConflict(other.Manager, FieldPath.Display(path))
                {
                    Operation = other.Operation,
                    ApiVersion = other.ApiVersion,
                    Subresource = other.Subresource,
                });
            }
        }

        if (conflicts.Count > 0 && !force) return new ApplyResult(null, conflicts);

        foreach (var entry in entries)
        {
            entry.Fields = entry.Fields.Except(changes.Removed);
            if (!ReferenceEquals(entry, mine)) entry.Fields = entry.Fields.Except(touched);
        }

        if (mine is null)
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.Apply, Subresource = subresource };
            entries.Add(mine);
        }

        // Like Kubernetes, the entry's time moves whenever the apply changed the object.
        if (mine.Time is null || !touched.IsEmpty || !changes.Removed.IsEmpty)
        {
            mine.Time = ManagedFieldsEntry.FormatTime(now);
            mine.ApiVersion = apiVersion;
        }
        mine.Fields = configSet;
        ManagedFieldsEntry.Write(merged, entries);
        return new ApplyResult(merged, []);
    }

    /// <summary>The Status message Kubernetes returns with 409, e.g.
    /// Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas</summary>
    public static string FormatConflicts(IReadOnlyList<ApplyConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].ManagerDescription}: {conflicts[0].Field}";
        }

        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.ManagerDescription).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.Key}:");
            lines.AddRange(group.Select(c => "- " + c.Field));
        }
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }

    /// <summary>Status details.causes for a conflict: [{"type":"FieldManagerConflict","message":"conflict with ...","field":".spec.replicas"}].</summary>
    public static JsonArray ConflictCauses(IReadOnlyList<ApplyConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var causes = new JsonArray();
        foreach (var c in conflicts)
        {
            causes.Add((JsonNode)new JsonObject
            {
                ["type"] = "FieldManagerConflict",
                ["message"] = "conflict with " + c.ManagerDescription,
                ["field"] = c.Field,
            });
        }
        return causes;
    }

    private static JsonObject WithoutStatus(JsonObject config, bool hasStatus)
    {
        if (!hasStatus) return config;
        var copy = (JsonObject)config.DeepClone();
        copy.Remove("status");
        return copy;
    }
}
