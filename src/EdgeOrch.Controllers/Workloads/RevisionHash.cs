using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>
/// The controller-revision-hash: Kubernetes hashes the revision data with FNV-1a (32 bit), adds the collisionCount,
/// and writes the decimal value through rand.SafeEncodeString, which gives names like "mysql-7d4f9b8c5d". We hash a
/// canonical (key-sorted) JSON form of the same data, so equal templates always give equal hashes.
/// </summary>
internal static class RevisionHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonNode? data, long? collisionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(data)))
            hash = (hash ^ b) * 16777619u;
        if (collisionCount is { } c)
            foreach (var b in BitConverter.GetBytes((uint)c))
                hash = (hash ^ b) * 16777619u;
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>rand.SafeEncodeString: every byte mapped onto an alphabet without vowels (no accidental words).</summary>
    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++)
            chars[i] = SafeAlphabet[s[i] % SafeAlphabet.Length];
        return new string(chars);
    }

    /// <summary>JSON with object keys sorted, so field order never changes the hash.</summary>
    public static string Canonical(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
