using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// Decodes request bodies in Kubernetes' protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which kubectl
/// uses for its imperative commands (<c>kubectl create ...</c>), into the JSON object the same request would carry
/// as JSON. The envelope is the 4-byte magic <c>k8s\0</c> followed by a runtime.Unknown message
/// {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3, contentType = 4}; <c>raw</c> is the object's
/// message from k8s.io/api, decoded with hand-written schema tables.
/// </summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>True for <c>application/vnd.kubernetes.protobuf</c>, with or without parameters.</summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return false;
        var semi = contentType.IndexOf(';');
        var media = (semi < 0 ? contentType : contentType[..semi]).Trim();
        return media.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The object as JSON, with apiVersion and kind from the envelope. Throws FormatException when malformed or of an unknown kind.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => Decode(body, out _);

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte})"/>, also listing fields the schema tables do not know (skipped).</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body, out IReadOnlyList<string> unknownFields)
    {
        var schema = ProtoSchemaSet.Default;
        var decoder = new ProtoJsonDecoder(schema);
        var result = DecodeEnvelope(body, schema, decoder, "");
        unknownFields = decoder.UnknownFields;
        return result;
    }

    internal static bool HasMagic(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    internal static JsonObject DecodeEnvelope(ReadOnlySpan<byte> body, ProtoSchemaSet schema, ProtoJsonDecoder decoder, string path)
    {
        if (!HasMagic(body))
            throw new FormatException("the body is not Kubernetes protobuf: it does not start with the \"k8s\\0\" prefix");
        var reader = new ProtoReader(body[Magic.Length..]);
        string apiVersion = "", kind = "", contentEncoding = "";
        ReadOnlySpan<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }
            var bytes = reader.ReadBytes();
            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(bytes);
                    break;
                case 2:
                    raw = bytes;
                    break;
                case 3:
                    contentEncoding = Text(bytes);
                    break;
            }
        }
        if (kind.Length == 0 || apiVersion.Length == 0)
            throw new FormatException("the protobuf envelope has no apiVersion/kind");
        if (contentEncoding.Length != 0)
            throw new FormatException($"unsupported protobuf content encoding \"{contentEncoding}\"");
        var message = schema.ForKind(apiVersion, kind)
            ?? throw new FormatException($"no protobuf decoding for kind \"{kind}\" in \"{apiVersion}\"; send it as application/json");
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        decoder.DecodeInto(raw, message, result, path);
        // Envelope wins over anything the message might carry.
        result["apiVersion"] = apiVersion;
        result["kind"] = kind;
        return result;
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string apiVersion = "", kind = "";
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (wire == WireType.LengthDelimited && number is 1 or 2)
            {
                var text = Text(reader.ReadBytes());
                if (number == 1)
                    apiVersion = text;
                else
                    kind = text;
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return (apiVersion, kind);
    }

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return SpecialMessages.StrictUtf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw new FormatException("the protobuf envelope holds a string that is not valid UTF-8");
        }
    }
}
