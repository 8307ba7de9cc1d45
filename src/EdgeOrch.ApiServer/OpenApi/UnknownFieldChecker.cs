using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// Finds fields an object carries that its kind's schema does not know: what fieldValidation=Strict rejects
/// (400, <c>strict decoding error: unknown field "spec.foo"</c>) and Warn reports in a Warning header.
/// Paths come back as ".spec.containers[0].foo" (leading dot; drop it for the upstream message).
/// </summary>
public static class UnknownFieldChecker
{
    // Guards against schemas that refer to themselves (JSONSchemaProps) meeting a deeply nested object.
    private const int MaxDepth = 64;

    public static IReadOnlyList<string> Find(ResourceType type, JsonObject obj)
    {
        JsonObject? schema;
        if (type.IsCustom)
            schema = type.Schema; // a CRD without schema accepts everything
        else
        {
            var builtins = BuiltinSchemas.Instance;
            var name = builtins.NameOf(type.Group, type.Version, type.Kind);
            schema = name is null ? null : builtins.Get(name);
        }
        if (schema is null)
            return [];
        var found = new List<string>();
        CheckObject(obj, schema, "", found, topLevel: true, depth: 0);
        return found;
    }

    /// <summary>The 400 message of fieldValidation=Strict: <c>strict decoding error: unknown field "spec.foo", unknown field "spec.bar"</c>.</summary>
    public static string StrictDecodingError(IReadOnlyList<string> paths) =>
        "strict decoding error: " + string.Join(", ", paths.Select(UnknownFieldText));

    /// <summary>One text per unknown field for fieldValidation=Warn, to send as <c>Warning: 299 - "TEXT"</c> headers.</summary>
    public static IEnumerable<string> WarningTexts(IReadOnlyList<string> paths) => paths.Select(UnknownFieldText);

    private static string UnknownFieldText(string path) => $"unknown field \"{path.TrimStart('.')}\"";

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> found, int depth)
    {
        if (depth > MaxDepth || value is null)
            return;
        var s = Flatten(schema);
        if (value is JsonObject obj)
            CheckObject(obj, s, path, found, topLevel: false, depth);
        else if (value is JsonArray arr && s.Items is JsonObject items)
        {
            for (var i = 0; i < arr.Count; i++)
                Check(arr[i], items, $"{path}[{i}]", found, depth + 1);
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> found, bool topLevel, int depth)
        => CheckObject(obj, Flatten(schema), path, found, topLevel, depth);

    private static void CheckObject(JsonObject obj, Flat s, string path, List<string> found, bool topLevel, int depth)
    {
        // An object schema with neither properties nor additionalProperties says nothing about its fields: accept them.
        if (s.Properties.Count == 0 && s.AdditionalProperties is null)
            return;
        foreach (var (key, value) in obj)
        {
            var child = $"{path}.{key}";
            if ((topLevel || s.EmbeddedResource) && key is "apiVersion" or "kind" or "metadata")
                continue;
            if (s.Properties.TryGetValue(key, out var propSchema))
                Check(value, propSchema, child, found, depth + 1);
            else if (s.AdditionalProperties is JsonObject additional)
                Check(value, additional, child, found, depth + 1);
            else if (!s.PreserveUnknown && s.AdditionalProperties is not JsonValue)
                found.Add(child);
        }
    }

    /// <summary>A schema with its $ref and allOf folded in: the union of the properties they declare.</summary>
    private sealed record Flat(Dictionary<string, JsonObject> Properties, JsonNode? AdditionalProperties, JsonNode? Items,
        bool PreserveUnknown, bool EmbeddedResource);

    private static Flat Flatten(JsonObject schema)
    {
        var flat = new Flat([], null, null, false, false);
        Fold(schema, ref flat, 0);
        return flat;
    }

    private static void Fold(JsonObject schema, ref Flat flat, int depth)
    {
        if (depth > 8)
            return;
        if (schema["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference)
            && BuiltinSchemas.Instance.Resolve(reference) is { } target)
            Fold(target, ref flat, depth + 1);
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all.OfType<JsonObject>())
                Fold(part, ref flat, depth + 1);
        if (schema["properties"] is JsonObject props)
            foreach (var (key, value) in props)
                if (value is JsonObject p)
                    flat.Properties[key] = p;
        var additional = schema["additionalProperties"];
        // additionalProperties: false is the same as leaving it out for our purpose (unknown fields are reported).
        if (additional is JsonObject || (additional is JsonValue v && v.TryGetValue<bool>(out var allowed) && allowed))
            flat = flat with { AdditionalProperties = additional };
        if (schema["items"] is JsonObject items)
            flat = flat with { Items = items };
        if (IsTrue(schema["x-kubernetes-preserve-unknown-fields"]))
            flat = flat with { PreserveUnknown = true };
        if (IsTrue(schema["x-kubernetes-embedded-resource"]))
            flat = flat with { EmbeddedResource = true };
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
