using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Derives field sets from objects: every field an object sets (what an apply configuration claims) and what changed between
/// two versions of an object (what an update takes over). Both follow the kind's <see cref="FieldSchema"/> so list items are
/// addressed by key, not by index.
/// </summary>
internal static class ObjectFields
{
    /// <summary>Field sets of one change; "Added" and "Modified" become the writer's, "Removed" leaves every manager.</summary>
    public sealed record Changes(FieldSet Added, FieldSet Modified, FieldSet Removed)
    {
        public FieldSet Touched => Added.Union(Modified);
    }

    /// <summary>
    /// The fields <paramref name="obj"/> sets. With <paramref name="markMaps"/> (update semantics), map-typed fields such as
    /// labels are members themselves, which fieldsV1 shows as ".".
    /// </summary>
    public static FieldSet Of(JsonObject obj, FieldSchema schema, bool markMaps)
    {
        var set = new FieldSet();
        Collect(obj, [], "", schema, markMaps, set);
        return set;
    }

    public static Changes Compare(JsonObject? oldObj, JsonObject newObj, FieldSchema schema, bool markMaps)
    {
        var changes = new Changes(new FieldSet(), new FieldSet(), new FieldSet());
        Diff(oldObj ?? new JsonObject(), newObj, [], "", schema, markMaps, changes);
        return changes;
    }

    /// <summary>The path element that names <paramref name="item"/> in a keyed or set list; null when it cannot be named.</summary>
    public static string? ItemElement(JsonNode? item, ListSchema list) => list.Kind switch
    {
        ListKind.Map when item is JsonObject o => FieldPath.Key(o, list.MapKeys),
        ListKind.Set => FieldPath.Value(item),
        _ => null,
    };

    private static void Collect(JsonNode? value, string[] path, string schemaPath, FieldSchema schema, bool markMaps, FieldSet into)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !schema.IsAtomicObject(schemaPath):
                if (markMaps && path.Length > 0 && schema.IsMap(schemaPath)) into.Add(path);
                foreach (var (k, v) in obj)
                {
                    Collect(v, FieldPath.Append(path, FieldPath.Field(k)), FieldSchema.Child(schemaPath, k), schema, markMaps, into);
                }
                break;
            case JsonArray arr when arr.Count > 0 && schema.ListAt(schemaPath) is { Kind: not ListKind.Atomic } list
                                   && ItemsByElement(arr, list) is { } items:
                foreach (var (element, item) in items)
                {
                    CollectItem(item, FieldPath.Append(path, element), schemaPath, list, schema, markMaps, into);
                }
                break;
            default:
                if (path.Length > 0) into.Add(path);
                break;
        }
    }

    private static void CollectItem(JsonNode? item, string[] itemPath, string schemaPath, ListSchema list, FieldSchema schema, bool markMaps, FieldSet into)
    {
        into.Add(itemPath);
        if (list.Kind != ListKind.Map || item is not JsonObject obj) return;
        foreach (var (k, v) in obj)
        {
            Collect(v, FieldPath.Append(itemPath, FieldPath.Field(k)), FieldSchema.Child(schemaPath, k), schema, markMaps, into);
        }
    }

    private static void Diff(JsonNode? oldValue, JsonNode? newValue, string[] path, string schemaPath, FieldSchema schema, bool markMaps, Changes changes)
    {
        if (oldValue is JsonObject oldObj && newValue is JsonObject newObj && !schema.IsAtomicObject(schemaPath))
        {
            foreach (var (k, nv) in newObj)
            {
                var childPath = FieldPath.Append(path, FieldPath.Field(k));
                string childSchema = FieldSchema.Child(schemaPath, k);
                if (oldObj.TryGetPropertyValue(k, out var ov)) Diff(ov, nv, childPath, childSchema, schema, markMaps, changes);
                else Collect(nv, childPath, childSchema, schema, markMaps, changes.Added);
            }
            foreach (var (k, ov) in oldObj)
            {
                if (!newObj.ContainsKey(k))
                {
                    Collect(ov, FieldPath.Append(path, FieldPath.Field(k)), FieldSchema.Child(schemaPath, k), schema, false, changes.Removed);
                }
            }
            return;
        }

        if (oldValue is JsonArray oldArr && newValue is JsonArray newArr &&
            schema.ListAt(schemaPath) is { Kind: not ListKind.Atomic } list &&
            ItemsByElement(oldArr, list) is { } oldItems && ItemsByElement(newArr, list) is { } newItems)
        {
            foreach (var (element, newItem) in newItems)
            {
                var itemPath = FieldPath.Append(path, element);
                if (!oldItems.TryGetValue(element, out var oldItem))
                {
                    CollectItem(newItem, itemPath, schemaPath, list, schema, markMaps, changes.Added);
                }
                else if (list.Kind == ListKind.Map)
                {
                    Diff(oldItem, newItem, itemPath, schemaPath, schema, markMaps, changes);
                }
            }
            foreach (var (element, oldItem) in oldItems)
            {
                if (!newItems.ContainsKey(element))
                {
                    CollectItem(oldItem, FieldPath.Append(path, element), schemaPath, list, schema, false, changes.Removed);
                }
            }
            return;
        }

        if (path.Length > 0 && !JsonEquality.Equal(oldValue, newValue))
        {
            // A value that changed shape (map to scalar) loses what was owned inside it.
            if (oldValue is JsonObject or JsonArray) Collect(oldValue, path, schemaPath, schema, false, changes.Removed);
            changes.Modified.Add(path);
        }
    }

    /// <summary>Items by path element, in list order; null when an item cannot be keyed (then the list is treated as atomic).</summary>
    private static Dictionary<string, JsonNode?>? ItemsByElement(JsonArray arr, ListSchema list)
    {
        var items = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in arr)
        {
            string? element = ItemElement(item, list);
            if (element is null) return null;
            items.TryAdd(element, item);
        }
        return items;
    }
}
