using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// Messages whose JSON form is not an object: resource.Quantity, meta/v1 Time/MicroTime/Duration, intstr.IntOrString,
/// and the raw-bytes wrappers (RawExtension, FieldsV1). Unknown fields inside them are ignored.
/// </summary>
internal static class SpecialMessages
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Go's time.Time range that RFC 3339 can express (years 0001..9999).
    private const long MinSeconds = -62135596800;
    private const long MaxSeconds = 253402300799;

    /// <summary>Quantity {optional string string = 1}.</summary>
    public static string Quantity(ReadOnlySpan<byte> body, string path)
    {
        var reader = new ProtoReader(body);
        var text = "";
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1 && wire == WireType.LengthDelimited)
                text = Text(reader.ReadBytes(), path);
            else
                reader.Skip(wire);
        }
        // The zero Quantity prints as "0" in JSON.
        return text.Length == 0 ? "0" : text;
    }

    /// <summary>Time/MicroTime {int64 seconds = 1, int32 nanos = 2}; null for the zero time (JSON null, so omitted).</summary>
    public static string? Time(ReadOnlySpan<byte> body, bool micro, string path)
    {
        var reader = new ProtoReader(body);
        long seconds = 0;
        long nanos = 0;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1 && wire == WireType.Varint)
                seconds = (long)reader.ReadVarint();
            else if (number == 2 && wire == WireType.Varint)
                nanos = (int)reader.ReadVarint();
            else
                reader.Skip(wire);
        }
        if (seconds == 0 && nanos == 0)
            return null;
        if (seconds < MinSeconds || seconds > MaxSeconds || nanos < 0 || nanos > 999_999_999)
            throw new FormatException($"{path}: timestamp {seconds}s {nanos}ns is out of range");
        var instant = DateTime.UnixEpoch.AddSeconds(seconds);
        if (!micro)
            return instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        instant = instant.AddTicks(nanos / 1000 * 10);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>IntOrString {int64 type = 1 (0 int, 1 string), int32 intVal = 2, string strVal = 3}.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> body, string path)
    {
        var reader = new ProtoReader(body);
        long type = 0;
        var intVal = 0;
        var strVal = "";
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1 && wire == WireType.Varint)
                type = (long)reader.ReadVarint();
            else if (number == 2 && wire == WireType.Varint)
                intVal = (int)reader.ReadVarint();
            else if (number == 3 && wire == WireType.LengthDelimited)
                strVal = Text(reader.ReadBytes(), path);
            else
                reader.Skip(wire);
        }
        return type switch
        {
            0 => JsonValue.Create(intVal),
            1 => JsonValue.Create(strVal),
            _ => throw new FormatException($"{path}: IntOrString type {type} is neither 0 (int) nor 1 (string)"),
        };
    }

    /// <summary>Duration {int64 duration = 1} in nanoseconds, printed like Go's time.Duration.String().</summary>
    public static string Duration(ReadOnlySpan<byte> body, string path)
    {
        var reader = new ProtoReader(body);
        long nanos = 0;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1 && wire == WireType.Varint)
                nanos = (long)reader.ReadVarint();
            else
                reader.Skip(wire);
        }
        return GoDuration(nanos);
    }

    /// <summary>The bytes of field 1 (RawExtension.raw, FieldsV1.Raw).</summary>
    public static ReadOnlySpan<byte> RawBytes(ReadOnlySpan<byte> body, string path)
    {
        var reader = new ProtoReader(body);
        ReadOnlySpan<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadKey();
            if (number == 1 && wire == WireType.LengthDelimited)
                raw = reader.ReadBytes();
            else
                reader.Skip(wire);
        }
        _ = path;
        return raw;
    }

    public static string GoDuration(long nanos)
    {
        if (nanos == 0)
            return "0s";
        var sign = nanos < 0 ? "-" : "";
        var u = nanos == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(nanos);
        if (u < 1_000_000_000)
        {
            if (u < 1_000)
                return $"{sign}{u}ns";
            if (u < 1_000_000)
                return sign + Fraction(u, 1_000) + "µs";
            return sign + Fraction(u, 1_000_000) + "ms";
        }
        var hours = u / 3_600_000_000_000;
        var minutes = u / 60_000_000_000 % 60;
        var seconds = Fraction(u % 60_000_000_000, 1_000_000_000) + "s";
        if (hours > 0)
            return $"{sign}{hours}h{minutes}m{seconds}";
        if (minutes > 0)
            return $"{sign}{minutes}m{seconds}";
        return sign + seconds;
    }

    private static string Fraction(ulong value, ulong unit)
    {
        var whole = value / unit;
        var rest = value % unit;
        if (rest == 0)
            return whole.ToString(CultureInfo.InvariantCulture);
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        var fraction = rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return $"{whole}.{fraction}";
    }

    private static string Text(ReadOnlySpan<byte> bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"{path}: string is not valid UTF-8");
        }
    }
}
