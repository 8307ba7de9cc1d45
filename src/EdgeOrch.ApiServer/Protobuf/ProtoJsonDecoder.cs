using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// Walks protobuf bytes with a <see cref="MessageDef"/> and builds the JSON the object has in Kubernetes' JSON encoding.
/// The Go structs behind these messages are encoded by gogo-protobuf, which writes every non-pointer scalar even when it
/// is the zero value, so zero scalars are dropped here unless the field is marked Keep (pointer or non-omitempty),
/// mirroring the JSON tags. Unknown field numbers are skipped and recorded as paths.
/// </summary>
internal sealed class ProtoJsonDecoder(ProtoSchemaSet schema)
{
    private const int MaxDepth = 100;

    private readonly List<string> _unknown = [];

    public IReadOnlyList<string> UnknownFields => _unknown;

    public void DecodeInto(ReadOnlySpan<byte> data, MessageDef def, JsonObject target, string path, int depth = 0)
    {
        if (depth > MaxDepth)
            throw new FormatException($"protobuf message nested deeper than {MaxDepth} levels at {path}");
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (!def.Fields.TryGetValue(number, out var field))
            {
                _unknown.Add($"{Display(path)}: {def.Name} field {number} (wire type {(int)wire})");
                reader.Skip(wire);
                continue;
            }
            var fieldPath = path.Length == 0 ? field.JsonName : path + "." + field.JsonName;
            if (field.Has(FieldFlags.Inline))
            {
                Expect(wire, WireType.LengthDelimited, field, fieldPath);
                DecodeInto(reader.ReadBytes(), Resolve(field), target, path, depth + 1);
            }
            else if (field.Has(FieldFlags.Map))
            {
                Expect(wire, WireType.LengthDelimited, field, fieldPath);
                var map = target[field.JsonName] as JsonObject ?? new JsonObject();
                target[field.JsonName] = map;
                var (key, value) = DecodeMapEntry(reader.ReadBytes(), field, fieldPath, depth + 1);
                map[key] = value;
            }
            else if (field.Has(FieldFlags.Repeated))
            {
                var list = target[field.JsonName] as JsonArray ?? new JsonArray();
                target[field.JsonName] = list;
                if (wire == WireType.LengthDelimited && IsVarintKind(field.Kind))
                {
                    // Packed encoding of repeated numbers (proto3 style); proto2 senders use one key per element.
                    var packed = new ProtoReader(reader.ReadBytes());
                    while (!packed.AtEnd)
                        list.Add(Varint(packed.ReadVarint(), field.Kind));
                }
                else
                {
                    list.Add(ReadValue(ref reader, wire, field, $"{fieldPath}[{list.Count}]", depth, keepZero: true, existing: null));
                }
            }
            else
            {
                var value = ReadValue(ref reader, wire, field, fieldPath, depth, field.Has(FieldFlags.Keep), target[field.JsonName]);
                if (value is null)
                    target.Remove(field.JsonName);
                else
                    target[field.JsonName] = value;
            }
        }
    }

    /// <summary>One value of a field; null means "the zero value of an omitempty field": leave it out.</summary>
    private JsonNode? ReadValue(ref ProtoReader reader, WireType wire, FieldDef field, string path, int depth, bool keepZero, JsonNode? existing)
    {
        switch (field.Kind)
        {
            case ValueKind.Bool:
            case ValueKind.Int32:
            case ValueKind.Int64:
            {
                Expect(wire, WireType.Varint, field, path);
                var raw = reader.ReadVarint();
                return raw == 0 && !keepZero ? null : Varint(raw, field.Kind);
            }
            case ValueKind.String:
            {
                Expect(wire, WireType.LengthDelimited, field, path);
                var text = Utf8(reader.ReadBytes(), path);
                return text.Length == 0 && !keepZero ? null : JsonValue.Create(text);
            }
            case ValueKind.Bytes:
            {
                Expect(wire, WireType.LengthDelimited, field, path);
                var bytes = reader.ReadBytes();
                return bytes.IsEmpty && !keepZero ? null : JsonValue.Create(Convert.ToBase64String(bytes));
            }
        }

        Expect(wire, WireType.LengthDelimited, field, path);
        var body = reader.ReadBytes();
        switch (field.Kind)
        {
            case ValueKind.Message:
            {
                // A repeated occurrence of a singular message merges into the first, as protobuf specifies.
                var target = existing as JsonObject ?? new JsonObject();
                DecodeInto(body, Resolve(field), target, path, depth + 1);
                return target;
            }
            case ValueKind.Quantity:
                return JsonValue.Create(SpecialMessages.Quantity(body, path));
            case ValueKind.Time:
                return SpecialMessages.Time(body, micro: false, path) is { } time ? JsonValue.Create(time) : null;
            case ValueKind.MicroTime:
                return SpecialMessages.Time(body, micro: true, path) is { } micro ? JsonValue.Create(micro) : null;
            case ValueKind.IntOrString:
                return SpecialMessages.IntOrString(body, path);
            case ValueKind.Duration:
                return JsonValue.Create(SpecialMessages.Duration(body, path));
            case ValueKind.RawExtension:
            case ValueKind.FieldsV1:
                return EmbeddedJson(SpecialMessages.RawBytes(body, path), path);
            default:
                throw new InvalidOperationException($"unhandled value kind {field.Kind}");
        }
    }

    private (string Key, JsonNode? Value) DecodeMapEntry(ReadOnlySpan<byte> entry, FieldDef field, string path, int depth)
    {
        var reader = new ProtoReader(entry);
        var key = "";
        JsonNode? value = null;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1)
            {
                Expect(wire, WireType.LengthDelimited, field, path);
                key = Utf8(reader.ReadBytes(), path);
            }
            else if (number == 2)
            {
                value = ReadValue(ref reader, wire, field, $"{path}[{key}]", depth, keepZero: true, existing: null);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        // An entry without a value carries the zero value of the value type.
        value ??= ZeroMapValue(field.Kind);
        return (key, value);
    }

    private JsonNode? EmbeddedJson(ReadOnlySpan<byte> raw, string path)
    {
        if (raw.IsEmpty)
            return null;
        if (KubernetesProtobuf.HasMagic(raw))
        {
            var nested = KubernetesProtobuf.DecodeEnvelope(raw, schema, this, path);
            return nested;
        }
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Display(path)}: embedded object is neither JSON nor protobuf: {e.Message}");
        }
    }

    private MessageDef Resolve(FieldDef field) =>
        schema.Message(field.MessageType!) ?? throw new InvalidOperationException($"schema has no message {field.MessageType}");

    private static JsonNode? ZeroMapValue(ValueKind kind) => kind switch
    {
        ValueKind.String or ValueKind.Bytes => JsonValue.Create(""),
        ValueKind.Bool => JsonValue.Create(false),
        ValueKind.Int32 or ValueKind.Int64 => JsonValue.Create(0),
        ValueKind.Quantity => JsonValue.Create("0"),
        ValueKind.Message => new JsonObject(),
        _ => null,
    };

    private static bool IsVarintKind(ValueKind kind) => kind is ValueKind.Bool or ValueKind.Int32 or ValueKind.Int64;

    private static JsonNode Varint(ulong raw, ValueKind kind) => kind switch
    {
        ValueKind.Bool => JsonValue.Create(raw != 0),
        // int32 negatives are sign-extended to 64 bits on the wire; truncation restores them.
        ValueKind.Int32 => JsonValue.Create((int)raw),
        _ => JsonValue.Create((long)raw),
    };

    private static string Utf8(ReadOnlySpan<byte> bytes, string path)
    {
        try
        {
            return SpecialMessages.StrictUtf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"{Display(path)}: string is not valid UTF-8");
        }
    }

    private static void Expect(WireType actual, WireType expected, FieldDef field, string path)
    {
        if (actual != expected)
            throw new FormatException($"{Display(path)}: field {field.Number} has wire type {(int)actual}, expected {(int)expected}");
    }

    private static string Display(string path) => path.Length == 0 ? "(root)" : path;
}
