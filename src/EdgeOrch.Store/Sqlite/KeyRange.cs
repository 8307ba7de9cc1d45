namespace EdgeOrch.Store.Sqlite;

/// <summary>
/// The keys starting with a prefix, as the half-open range [Low, High) in ordinal order (High null = unbounded).
/// Ordinal UTF-16 order equals SQLite's byte-wise UTF-8 order for every key without characters outside the
/// Basic Multilingual Plane, which holds for Kubernetes keys (ASCII).
/// </summary>
internal readonly record struct KeyRange(string Low, string? High)
{
    public static KeyRange ForPrefix(string prefix)
    {
        // The first key past every key with this prefix: drop trailing U+FFFF (cannot be incremented), bump the last char.
        var end = prefix.AsSpan();
        while (end.Length > 0 && end[^1] == char.MaxValue)
            end = end[..^1];
        if (end.Length == 0)
            return new KeyRange(prefix, null);
        return new KeyRange(prefix, string.Concat(end[..^1], [(char)(end[^1] + 1)]));
    }

    public bool Contains(string key) =>
        string.CompareOrdinal(key, Low) >= 0 && (High is null || string.CompareOrdinal(key, High) < 0);
}
