using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// Path elements in the managedFields "FieldsV1" spelling: "f:name" for a field or map key, "k:{"name":"web"}" for an item of
/// an associative list (key fields sorted by name), "v:"value"" for an item of a set, "i:3" for a list index.
/// A path is an array of such elements from the object root.
/// </summary>
internal static class FieldPath
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + Compact(value);

    /// <summary>The key element of an associative-list item; null when a key field is missing and has no default.</summary>
    public static string? Key(JsonObject item, string[] keyFields)
    {
        var key = new JsonObject();
        foreach (var field in keyFields.OrderBy(f => f, StringComparer.Ordinal))
        {
            if (item.TryGetPropertyValue(field, out var v) && v is not null) key[field] = v.DeepClone();
            else if (FieldSchema.KeyDefaults.TryGetValue(field, out var d)) key[field] = d;
            else return null;
        }
        return "k:" + Compact(key);
    }

    public static string[] Append(string[] path, string element)
    {
        var result = new string[path.Length + 1];
        path.CopyTo(result, 0);
        result[^1] = element;
        return result;
    }

    /// <summary>One string per path, for set membership; NUL cannot occur in field names.</summary>
    public static string Encode(string[] path) => string.Join('\0', path);

    public static string[] Decode(string encoded) => encoded.Length == 0 ? [] : encoded.Split('\0');

    /// <summary>The form Kubernetes prints in conflicts: .spec.template.spec.containers[name="nginx"].image</summary>
    public static string Display(string[] path)
    {
        var sb = new StringBuilder();
        foreach (var element in path)
        {
            string body = element.Length > 2 ? element[2..] : "";
            switch (element[0])
            {
                case 'f':
                    sb.Append('.').Append(body);
                    break;
                case 'k':
                    sb.Append('[');
                    if (JsonNode.Parse(body) is JsonObject key)
                    {
                        sb.AppendJoin(',', key.Select(p => p.Key + "=" + Compact(p.Value)));
                    }
                    sb.Append(']');
                    break;
                case 'v':
                    sb.Append("[=").Append(body).Append(']');
                    break;
                default:
                    sb.Append('[').Append(body).Append(']');
                    break;
            }
        }
        return sb.ToString();
    }

    public static string Compact(JsonNode? node)
    {
        if (node is null) return "null";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactWriter))
        {
            node.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
