using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Deployment;

/// <summary>
/// The pod-template-hash label value, shaped like Kubernetes' ComputeHash: FNV-32a over the template (here its canonical
/// JSON, keys sorted) followed by the collision count as 8 little-endian bytes, then the decimal form of the 32-bit sum
/// mapped character by character onto the safe-encode alphabet. So names look like Kubernetes' (web-7d4f9b8c5d) without
/// claiming byte-for-byte equality with Go's struct dump.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    /// <summary>Kubernetes' rand.SafeEncodeString alphabet: no vowels, no confusable characters.</summary>
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject? template, long? collisionCount)
    {
        uint hash = 2166136261;
        foreach (var b in CanonicalBytes(template))
            hash = (hash ^ b) * 16777619;
        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            foreach (var b in bytes)
                hash = (hash ^ b) * 16777619;
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++)
            chars[i] = Alphabet[s[i] % Alphabet.Length];
        return new string(chars);
    }

    /// <summary>Templates equal apart from the pod-template-hash label (Kubernetes' EqualIgnoreHash).</summary>
    public static bool EqualIgnoreHash(JsonObject? a, JsonObject? b) =>
        JsonNode.DeepEquals(Canonical(WithoutHash(a)), Canonical(WithoutHash(b)));

    /// <summary>A copy of the template without the pod-template-hash label (and without an emptied labels map).</summary>
    public static JsonObject WithoutHash(JsonObject? template)
    {
        var copy = template?.DeepClone().AsObject() ?? new JsonObject();
        if (copy["metadata"] is JsonObject meta && meta["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0) meta.Remove("labels");
        }
        return copy;
    }

    private static byte[] CanonicalBytes(JsonObject? template)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, template);
        return stream.ToArray();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is null) continue;
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
