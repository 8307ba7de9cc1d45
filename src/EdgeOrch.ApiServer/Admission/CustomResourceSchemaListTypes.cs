using System.Text.Json.Nodes;
using EdgeOrch.Api.Validation;
using static EdgeOrch.ApiServer.Admission.CustomResourceSchemaValues;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// x-kubernetes-list-type: a "set" may not hold the same item twice, a "map" may not hold two items with the same
/// x-kubernetes-list-map-keys. Kubernetes reports each repeat as "Duplicate value" at the item's index.
/// </summary>
internal static class CustomResourceSchemaListTypes
{
    public static void Check(JsonArray arr, JsonObject schema, string path, List<FieldError> errors)
    {
        switch (StringOf(schema["x-kubernetes-list-type"]))
        {
            case "set":
                for (var i = 0; i < arr.Count; i++)
                    for (var j = 0; j < i; j++)
                        if (JsonNode.DeepEquals(arr[i], arr[j]))
                        {
                            errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", $"Duplicate value: {Render(arr[i])}"));
                            break;
                        }
                break;
            case "map":
                var keys = (schema["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(StringOf).OfType<string>().ToArray();
                if (keys.Length == 0)
                    return;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is not JsonObject item)
                        continue;
                    var key = KeyOf(item, keys);
                    if (!seen.Add(key))
                        errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", $"Duplicate value: {key}"));
                }
                break;
        }
    }

    /// <summary>The map-key fields of one item, printed like Go's %#v of map[string]interface{} (the form Kubernetes shows).</summary>
    private static string KeyOf(JsonObject item, string[] keys)
    {
        var parts = keys.Order(StringComparer.Ordinal)
            .Where(item.ContainsKey)
            .Select(k => $"{Quote(k)}:{(StringOf(item[k]) is { } s ? Quote(s) : item[k]?.ToJsonString() ?? "interface {}(nil)")}");
        return "map[string]interface {}{" + string.Join(", ", parts) + "}";
    }
}
