namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>How a field's value is encoded on the wire and rendered in JSON.</summary>
internal enum ValueKind : byte
{
    String,
    Bool,
    Int32,
    Int64,
    /// <summary>bytes; base64 in JSON.</summary>
    Bytes,
    /// <summary>A message described by another <see cref="MessageDef"/>.</summary>
    Message,
    /// <summary>resource.Quantity {string string = 1}; a JSON string.</summary>
    Quantity,
    /// <summary>meta/v1 Time {seconds = 1, nanos = 2}; RFC 3339 with second precision.</summary>
    Time,
    /// <summary>meta/v1 MicroTime; RFC 3339 with microseconds.</summary>
    MicroTime,
    /// <summary>intstr.IntOrString {type = 1, intVal = 2, strVal = 3}; a JSON number or string.</summary>
    IntOrString,
    /// <summary>runtime.RawExtension {raw = 1}: embedded JSON (or a nested protobuf object).</summary>
    RawExtension,
    /// <summary>meta/v1 FieldsV1 {Raw = 1}: embedded JSON.</summary>
    FieldsV1,
    /// <summary>meta/v1 Duration {duration = 1} in nanoseconds; a Go duration string.</summary>
    Duration,
}

[Flags]
internal enum FieldFlags : byte
{
    None = 0,
    Repeated = 1,
    /// <summary>map&lt;string, V&gt;: repeated entry messages {key = 1, value = 2}.</summary>
    Map = 2,
    /// <summary>
    /// Emit the value even when it is the zero value: Go pointer fields (only on the wire when set, so an explicit
    /// false/0/"" is meaningful) and fields whose json tag has no omitempty.
    /// </summary>
    Keep = 4,
    /// <summary>An embedded Go struct (json ",inline"): its fields land in the parent JSON object.</summary>
    Inline = 8,
}

internal sealed record FieldDef(int Number, string JsonName, ValueKind Kind, FieldFlags Flags, string? MessageType)
{
    public bool Has(FieldFlags flag) => (Flags & flag) != 0;
}

internal sealed class MessageDef(string name, IReadOnlyDictionary<int, FieldDef> fields)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<int, FieldDef> Fields { get; } = fields;
}

/// <summary>
/// Parses the compact field notation the schema tables use, one message per call:
/// <c>"1 name s!; 2 items []KeyToPath; 3 data map&lt;s&gt;; 4 - ^LocalObjectReference"</c>.
/// Each entry is <c>number jsonName type</c>. Types: s, b, i32, i64, bytes, q (Quantity), t (Time), mt (MicroTime),
/// ios (IntOrString), raw (RawExtension), fv1 (FieldsV1), dur (Duration), or a message name. A leading <c>[]</c>
/// marks repeated, <c>map&lt;T&gt;</c> a string-keyed map, a leading <c>^</c> an inlined struct (json name "-"), and a
/// trailing <c>!</c> a value kept even when zero (pointer or non-omitempty field).
/// </summary>
internal static class FieldNotation
{
    public static MessageDef Parse(string messageName, string spec)
    {
        var fields = new Dictionary<int, FieldDef>();
        foreach (var raw in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !int.TryParse(parts[0], out var number) || number <= 0)
                throw new InvalidOperationException($"bad field spec '{raw}' in {messageName}");
            var type = parts[2];
            var flags = FieldFlags.None;
            if (type.EndsWith('!'))
            {
                flags |= FieldFlags.Keep;
                type = type[..^1];
            }
            if (type.StartsWith("[]", StringComparison.Ordinal))
            {
                flags |= FieldFlags.Repeated;
                type = type[2..];
            }
            else if (type.StartsWith("map<", StringComparison.Ordinal) && type.EndsWith('>'))
            {
                flags |= FieldFlags.Map;
                type = type[4..^1];
            }
            else if (type.StartsWith('^'))
            {
                flags |= FieldFlags.Inline;
                type = type[1..];
            }
            var (kind, messageType) = Kind(type);
            if ((flags & FieldFlags.Inline) != 0 && kind != ValueKind.Message)
                throw new InvalidOperationException($"inline field {raw} in {messageName} must be a message");
            if (!fields.TryAdd(number, new FieldDef(number, parts[1], kind, flags, messageType)))
                throw new InvalidOperationException($"duplicate field number {number} in {messageName}");
        }
        return new MessageDef(messageName, fields);
    }

    private static (ValueKind, string?) Kind(string type) => type switch
    {
        "s" => (ValueKind.String, null),
        "b" => (ValueKind.Bool, null),
        "i32" => (ValueKind.Int32, null),
        "i64" => (ValueKind.Int64, null),
        "bytes" => (ValueKind.Bytes, null),
        "q" => (ValueKind.Quantity, null),
        "t" => (ValueKind.Time, null),
        "mt" => (ValueKind.MicroTime, null),
        "ios" => (ValueKind.IntOrString, null),
        "raw" => (ValueKind.RawExtension, null),
        "fv1" => (ValueKind.FieldsV1, null),
        "dur" => (ValueKind.Duration, null),
        _ when type.Length > 0 && char.IsUpper(type[0]) => (ValueKind.Message, type),
        _ => throw new InvalidOperationException($"unknown field type '{type}'"),
    };
}
