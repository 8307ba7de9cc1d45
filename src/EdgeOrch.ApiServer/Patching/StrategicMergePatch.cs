using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Kubernetes strategic merge patch (application/strategic-merge-patch+json), the patch kubectl apply/edit/set send.
/// Lists merge by the patch merge keys of <see cref="MergeKeyTable"/>; the $patch, $retainKeys, $setElementOrder/ and
/// $deleteFromPrimitiveList/ directives are honoured; null deletes a key; lists without a merge key are replaced.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Kubernetes refuses strategic merge patches on custom resources (415) because they carry no merge keys.</summary>
    public static bool SupportsStrategicMerge(ResourceType type) => !type.IsCustom;

    public static JsonObject Apply(JsonObject original, JsonObject patch, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsCustom)
        {
            return MergePatch.Apply(original, patch) as JsonObject ?? new JsonObject();
        }

        var result = (JsonObject)original.DeepClone();
        return MergeMap(result, patch, "", MergeKeyTable.For(type)) ?? new JsonObject();
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (modified in place); null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, string path, FieldSchema schema)
    {
        switch (DirectiveOf(patch))
        {
            case "delete":
                return null;
            case "replace":
                // The patch is the whole new value; directives nested in it are cleaned by merging into nothing.
                var fresh = new JsonObject();
                foreach (var (k, v) in patch)
                {
                    if (k != PatchDirective) fresh[k] = v?.DeepClone();
                }
                return MergeMap(new JsonObject(), fresh, path, schema);
            case null or "merge":
                break;
            case var other:
                throw new PatchException($"unknown patch type: \"{other}\" in {Describe(path)}");
        }

        var orders = new List<(string Field, JsonArray Order)>();
        var deletions = new List<(string Field, JsonArray Values)>();
        JsonArray? retainKeys = null;
        foreach (var (key, value) in patch)
        {
            if (key == PatchDirective) continue;
            if (key == RetainKeysDirective)
            {
                retainKeys = value as JsonArray ?? throw new PatchException($"$retainKeys in {Describe(path)} must be a list");
                continue;
            }
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                orders.Add((key[SetElementOrderPrefix.Length..], value as JsonArray ?? throw new PatchException($"{key} must be a list")));
                continue;
            }
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                deletions.Add((key[DeleteFromPrimitiveListPrefix.Length..], value as JsonArray ?? throw new PatchException($"{key} must be a list")));
                continue;
            }

            MergeField(original, key, value, FieldSchema.Child(path, key), schema);
        }

        foreach (var (field, values) in deletions)
        {
            if (original[field] is not JsonArray list) continue;
            for (int i = list.Count - 1; i >= 0; i--)
            {
                if (values.Any(v => JsonEquality.Equal(v, list[i]))) list.RemoveAt(i);
            }
        }

        foreach (var (field, order) in orders)
        {
            if (original[field] is JsonArray list)
            {
                original[field] = ListOrder.Apply(list, order, schema.ListAt(FieldSchema.Child(path, field)).PatchMergeKey);
            }
        }

        if (retainKeys is not null)
        {
            var keep = retainKeys.Select(k => (string?)k).ToHashSet(StringComparer.Ordinal);
            foreach (var name in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(name);
            }
        }

        return original;
    }

    private static void MergeField(JsonObject original, string key, JsonNode? value, string path, FieldSchema schema)
    {
        switch (value)
        {
            case null:
                original.Remove(key);
                break;
            case JsonObject patchChild:
            {
                JsonObject target = original[key] as JsonObject ?? new JsonObject();
                JsonObject? merged = MergeMap(target, patchChild, path, schema);
                if (merged is null) original.Remove(key);
                else if (!ReferenceEquals(merged, original[key])) original[key] = merged;
                break;
            }
            case JsonArray patchList:
                original[key] = MergeList(original[key] as JsonArray, patchList, path, schema);
                break;
            default:
                original[key] = value.DeepClone();
                break;
        }
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, string path, FieldSchema schema)
    {
        ListSchema list = schema.ListAt(path);
        if (!list.MergesInPatch) return CleanList(patch, path, schema);

        // A lone {"$patch": "..."} item speaks for the whole list; with other fields it speaks for one item.
        static bool IsListDirective(JsonNode? item) => item is JsonObject { Count: 1 } o && DirectiveOf(o) is not null;
        bool replace = patch.Any(item => IsListDirective(item) && DirectiveOf(item!.AsObject()) == "replace");
        var patchItems = patch.Where(item => !IsListDirective(item)).ToList();
        if (replace) return CleanList(new JsonArray(patchItems.Select(i => i?.DeepClone()).ToArray()), path, schema);

        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        if (list.PatchMergeKey is null)
        {
            // A set of scalars: union, keeping the original order and appending what is new.
            foreach (var item in patchItems)
            {
                if (!result.Any(existing => JsonEquality.Equal(existing, item))) result.Add(item?.DeepClone());
            }
            return result;
        }

        string key = list.PatchMergeKey;
        foreach (var item in patchItems)
        {
            if (item is not JsonObject patchItem) throw new PatchException($"{Describe(path)}: list items must be objects with the merge key \"{key}\"");
            string? directive = DirectiveOf(patchItem);
            if (!patchItem.TryGetPropertyValue(key, out var keyValue))
            {
                throw new PatchException($"{Describe(path)}: map {patchItem.ToJsonString()} does not contain declared merge key: {key}");
            }

            int index = IndexOf(result, key, keyValue);
            if (directive == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOf(result, key, keyValue);
                }
                continue;
            }

            if (index >= 0)
            {
                var existing = result[index] as JsonObject ?? new JsonObject();
                JsonObject? merged = MergeMap(existing, patchItem, path, schema);
                if (merged is null) result.RemoveAt(index);
                else if (!ReferenceEquals(merged, result[index])) result[index] = merged;
            }
            else if (MergeMap(new JsonObject(), patchItem, path, schema) is { } added)
            {
                result.Add((JsonNode)added);
            }
        }
        return result;
    }

    /// <summary>A list taken as-is from the patch, with directives inside its object items removed.</summary>
    private static JsonArray CleanList(JsonArray patch, string path, FieldSchema schema)
    {
        var result = new JsonArray();
        foreach (var item in patch)
        {
            JsonNode? cleaned = item is JsonObject o ? MergeMap(new JsonObject(), o, path, schema) : item?.DeepClone();
            result.Add(cleaned);
        }
        return result;
    }

    private static int IndexOf(JsonArray list, string key, JsonNode? keyValue)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && o.TryGetPropertyValue(key, out var v) && JsonEquality.Equal(v, keyValue)) return i;
        }
        return -1;
    }

    private static string? DirectiveOf(JsonObject patch) =>
        patch[PatchDirective] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Describe(string path) => path.Length == 0 ? "the object" : path;
}
