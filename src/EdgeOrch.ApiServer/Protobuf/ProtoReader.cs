namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>Protobuf wire types (the low three bits of a field key).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// A forward-only reader over protobuf wire bytes. It knows nothing about schemas: it hands out keys, varints and
/// length-delimited slices, and throws <see cref="FormatException"/> on truncated or malformed input.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly bool AtEnd => _pos >= _data.Length;

    public readonly int Position => _pos;

    /// <summary>Reads a field key; field numbers start at 1, so 0 means the bytes are not a message.</summary>
    public (int Field, WireType Wire) ReadKey()
    {
        var key = ReadVarint();
        var field = key >> 3;
        if (field == 0 || field > int.MaxValue)
            throw new FormatException($"invalid protobuf field key {key} at offset {_pos}");
        var wire = (WireType)(key & 7);
        if (wire is WireType.StartGroup or WireType.EndGroup || (int)wire > 5)
            throw new FormatException($"unsupported protobuf wire type {(int)wire} for field {field}");
        return ((int)field, wire);
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length)
                throw new FormatException("truncated protobuf varint");
            var b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
        throw new FormatException("protobuf varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _pos))
            throw new FormatException($"protobuf length {length} runs past the end of the message");
        var slice = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return slice;
    }

    /// <summary>Skips one value of the given wire type (used for unknown fields).</summary>
    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            case WireType.Fixed64:
                Advance(8);
                break;
            case WireType.Fixed32:
                Advance(4);
                break;
            default:
                throw new FormatException($"cannot skip protobuf wire type {(int)wire}");
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _pos)
            throw new FormatException("truncated protobuf fixed-width value");
        _pos += count;
    }
}
