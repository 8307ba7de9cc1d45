using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// The object half of server-side apply: merging an apply configuration onto the live object (associative lists by key,
/// sets by value, everything else replaced) and pruning the fields a manager stopped applying.
/// </summary>
internal static class ApplyMerge
{
    public static JsonObject Merge(JsonObject live, JsonObject config, FieldSchema schema) =>
        (JsonObject)MergeValue(live, config, "", schema)!;

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? config, string schemaPath, FieldSchema schema)
    {
        if (config is JsonObject c && live is JsonObject l && !schema.IsAtomicObject(schemaPath))
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (k, v) in c)
            {
                result.TryGetPropertyValue(k, out var existing);
                result[k] = MergeValue(existing, v, FieldSchema.Child(schemaPath, k), schema);
            }
            return result;
        }

        if (config is JsonArray ca && live is JsonArray la && schema.ListAt(schemaPath) is { Kind: not ListKind.Atomic } list)
        {
            var result = (JsonArray)la.DeepClone();
            foreach (var item in ca)
            {
                string? element = ObjectFields.ItemElement(item, list);
                int index = element is null ? -1 : IndexOf(result, element, list);
                if (index < 0) result.Add(item?.DeepClone());
                else if (list.Kind == ListKind.Map) result[index] = MergeValue(result[index], item, schemaPath, schema);
            }
            return result;
        }

        return config?.DeepClone();
    }

    /// <summary>
    /// Removes from <paramref name="obj"/> every path of <paramref name="released"/> that nobody owns any more, with whatever
    /// unowned content sits below it; a path with owned descendants stays. Objects emptied this way go too.
    /// </summary>
    public static void Prune(JsonObject obj, FieldSet released, FieldSet owned, FieldSchema schema)
    {
        var paths = released.Except(owned).Paths
            .Where(p => !owned.HasMemberUnder(p))
            .OrderBy(p => p.Length)
            .ToList();
        // Shallow paths first: removing an item takes its fields along, and a field removed first could make the item unfindable.
        var removed = new FieldSet();
        foreach (var path in paths)
        {
            if (Enumerable.Range(1, path.Length - 1).Any(n => removed.Contains(path[..n])) || IsKeyOfKeptItem(path)) continue;
            RemoveAt(obj, path, owned, schema);
            removed.Add(path);
        }
    }

    /// <summary>A key field of an item someone else keeps must stay, or the item could no longer be addressed.</summary>
    private static bool IsKeyOfKeptItem(string[] path) =>
        path.Length >= 2 && path[^1].StartsWith("f:", StringComparison.Ordinal) && path[^2].StartsWith("k:", StringComparison.Ordinal) &&
        JsonNode.Parse(path[^2][2..]) is JsonObject key && key.ContainsKey(path[^1][2..]);

    private static void RemoveAt(JsonObject root, string[] path, FieldSet owned, FieldSchema schema)
    {
        // Walk to the parent, remembering each container so emptied objects can be removed on the way back.
        var trail = new List<(JsonNode Container, string Element, string SchemaPath)>();
        JsonNode? node = root;
        string schemaPath = "";
        foreach (var element in path)
        {
            if (node is not { } current) return;
            trail.Add((current, element, schemaPath));
            (node, schemaPath) = Step(current, element, schemaPath, schema);
        }
        if (node is null) return;

        for (int i = trail.Count - 1; i >= 0; i--)
        {
            var (container, element, parentSchema) = trail[i];
            Detach(container, element, parentSchema, schema);
            // Keep going up only while we leave behind an empty, unowned object.
            if (i == 0 || container is not JsonObject { Count: 0 } || owned.Contains(path[..i])) break;
        }
    }

    private static (JsonNode? Child, string SchemaPath) Step(JsonNode node, string element, string schemaPath, FieldSchema schema)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
        {
            string name = element[2..];
            return (obj[name], FieldSchema.Child(schemaPath, name));
        }

        if (node is JsonArray arr)
        {
            int index = IndexOf(arr, element, schema.ListAt(schemaPath));
            return (index < 0 ? null : arr[index], schemaPath);
        }
        return (null, schemaPath);
    }

    private static void Detach(JsonNode container, string element, string schemaPath, FieldSchema schema)
    {
        if (container is JsonObject obj && element.StartsWith("f:", StringComparison.Ordinal))
        {
            obj.Remove(element[2..]);
        }
        else if (container is JsonArray arr)
        {
            int index = IndexOf(arr, element, schema.ListAt(schemaPath));
            if (index >= 0) arr.RemoveAt(index);
        }
    }

    private static int IndexOf(JsonArray arr, string element, ListSchema list)
    {
        for (int i = 0; i < arr.Count; i++)
        {
            if (ObjectFields.ItemElement(arr[i], list) == element) return i;
        }
        return -1;
    }

    /// <summary>Apply configurations may say "field: null"; it sets nothing and owns nothing.</summary>
    public static void RemoveNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList()) obj.Remove(key);
            foreach (var (_, v) in obj) RemoveNulls(v);
        }
        else if (node is JsonArray arr)
        {
            foreach (var item in arr) RemoveNulls(item);
        }
    }
}
