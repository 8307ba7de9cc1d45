using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// RFC 6902 JSON Patch (application/json-patch+json). Works on a copy: when any operation fails, the caller's document is
/// untouched and a <see cref="PatchException"/> says which operation failed.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        JsonNode? doc = document.DeepClone();
        for (int i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op) throw new PatchException($"json patch operation {i} is not an object");
            doc = ApplyOne(doc, op);
        }
        return doc ?? throw new PatchException("json patch removed the whole document");
    }

    private static JsonNode? ApplyOne(JsonNode? doc, JsonObject op)
    {
        string name = RequiredString(op, "op");
        string path = RequiredString(op, "path");
        switch (name)
        {
            case "add":
                return Add(doc, path, RequiredValue(op, name));
            case "remove":
                Remove(doc, path);
                return doc;
            case "replace":
                return Replace(doc, path, RequiredValue(op, name));
            case "move":
            {
                string from = RequiredString(op, "from");
                if (path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    throw new PatchException($"cannot move \"{from}\" into its own child \"{path}\"");
                }
                if (from == path) return doc;
                JsonNode? value = Get(doc, from);
                Remove(doc, from);
                return Add(doc, path, value);
            }
            case "copy":
                return Add(doc, path, Get(doc, RequiredString(op, "from"))?.DeepClone());
            case "test":
                if (!JsonEquality.Equal(Get(doc, path), RequiredValue(op, name)))
                {
                    throw new PatchException($"testing value {path} failed");
                }
                return doc;
            default:
                throw new PatchException($"unknown json patch operation \"{name}\"");
        }
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value)
    {
        string[] tokens = JsonPointer.Parse(path);
        if (tokens.Length == 0) return value;
        JsonNode? parent = Walk(doc, tokens, tokens.Length - 1, path);
        string last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray arr:
                if (last == "-") arr.Add(value);
                else arr.Insert(JsonPointer.ParseIndex(last, arr.Count, path), value);
                break;
            default:
                throw new PatchException($"add operation does not apply: \"{path}\" has no parent object or array");
        }
        return doc;
    }

    /// <summary>Replaces in place, so an object's key order (what kubectl shows back) is kept.</summary>
    private static JsonNode? Replace(JsonNode? doc, string path, JsonNode? value)
    {
        string[] tokens = JsonPointer.Parse(path);
        if (tokens.Length == 0) return value;
        JsonNode? parent = Walk(doc, tokens, tokens.Length - 1, path);
        string last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray arr when arr.Count > 0:
                arr[JsonPointer.ParseIndex(last, arr.Count - 1, path)] = value;
                break;
            default:
                throw new PatchException($"replace operation does not apply: doc is missing path: \"{path}\"");
        }
        return doc;
    }

    private static void Remove(JsonNode? doc, string path)
    {
        string[] tokens = JsonPointer.Parse(path);
        if (tokens.Length == 0) throw new PatchException("cannot remove the whole document");
        JsonNode? parent = Walk(doc, tokens, tokens.Length - 1, path);
        string last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray arr when arr.Count > 0:
                arr.RemoveAt(JsonPointer.ParseIndex(last, arr.Count - 1, path));
                break;
            default:
                throw new PatchException($"unable to remove nonexistent key: \"{path}\"");
        }
    }

    private static JsonNode? Get(JsonNode? doc, string path)
    {
        string[] tokens = JsonPointer.Parse(path);
        JsonNode? parent = tokens.Length == 0 ? null : Walk(doc, tokens, tokens.Length - 1, path);
        if (tokens.Length == 0) return doc;
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(tokens[^1], out var v) => v,
            JsonArray arr when arr.Count > 0 => arr[JsonPointer.ParseIndex(tokens[^1], arr.Count - 1, path)],
            _ => throw new PatchException($"path \"{path}\" does not exist"),
        };
    }

    /// <summary>Follows the first <paramref name="count"/> tokens; every step must exist.</summary>
    private static JsonNode? Walk(JsonNode? doc, string[] tokens, int count, string path)
    {
        JsonNode? node = doc;
        for (int i = 0; i < count; i++)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(tokens[i], out var child) => child,
                JsonArray arr when arr.Count > 0 => arr[JsonPointer.ParseIndex(tokens[i], arr.Count - 1, path)],
                _ => throw new PatchException($"path \"{path}\" does not exist"),
            };
        }
        return node;
    }

    private static string RequiredString(JsonObject op, string field) =>
        op[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new PatchException($"json patch operation is missing the \"{field}\" string");

    private static JsonNode? RequiredValue(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new PatchException($"json patch \"{name}\" operation is missing \"value\"");
}
