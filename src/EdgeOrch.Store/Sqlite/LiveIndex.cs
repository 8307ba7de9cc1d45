namespace EdgeOrch.Store.Sqlite;

/// <summary>
/// The current value of every live key, in memory: point reads, conflict checks and lists at the newest revision never
/// touch SQLite. Values are kept because they are small (10,000 pods of ~2 KiB are ~20 MiB) and because the writer needs
/// them anyway: a delete's tombstone row and every watch event's Previous come from here without a read.
/// Not thread-safe: the store guards it with its state lock; only the writer loop mutates it.
/// </summary>
internal sealed class LiveIndex
{
    private readonly Dictionary<string, StoreEntry> _byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);

    public int Count => _byKey.Count;

    public StoreEntry? Get(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Sets a key's entry (null removes it). The sorted set only changes when a key appears or disappears.</summary>
    public void Set(string key, StoreEntry? entry)
    {
        if (entry is null)
        {
            if (_byKey.Remove(key))
                _keys.Remove(key);
        }
        else if (_byKey.TryAdd(key, entry))
        {
            _keys.Add(key);
        }
        else
        {
            _byKey[key] = entry;
        }
    }

    /// <summary>Entries in key order within <paramref name="range"/> and after <paramref name="startAfter"/>;
    /// at most <paramref name="limit"/> (0 = all) and whether more remain.</summary>
    public (List<StoreEntry> Items, bool More) List(KeyRange range, string? startAfter, int limit)
    {
        var items = new List<StoreEntry>(limit > 0 ? Math.Min(limit, 1024) : 16);
        foreach (var key in Keys(range, startAfter))
        {
            if (limit > 0 && items.Count == limit)
                return (items, true);
            items.Add(_byKey[key]);
        }
        return (items, false);
    }

    public long CountRange(KeyRange range)
    {
        if (range.Low.Length == 0 && range.High is null)
            return _byKey.Count;
        long n = 0;
        foreach (var _ in Keys(range, null))
            n++;
        return n;
    }

    private IEnumerable<string> Keys(KeyRange range, string? startAfter)
    {
        if (_keys.Count == 0)
            return [];
        var low = range.Low;
        var skipLow = false;
        if (startAfter is not null && string.CompareOrdinal(startAfter, low) >= 0)
        {
            low = startAfter;
            skipLow = true;
        }
        var upper = _keys.Max!;
        if (range.High is not null && string.CompareOrdinal(range.High, upper) < 0)
            upper = range.High;
        if (string.CompareOrdinal(low, upper) > 0)
            return [];
        // GetViewBetween is inclusive at both ends (and walks its range once to count it, so the range is kept tight);
        // the exclusive High and the startAfter key are filtered here.
        var view = _keys.GetViewBetween(low, upper);
        return Filter(view, low, skipLow, range.High);
    }

    private static IEnumerable<string> Filter(SortedSet<string> view, string low, bool skipLow, string? high)
    {
        foreach (var key in view)
        {
            if (high is not null && string.CompareOrdinal(key, high) >= 0)
                yield break;
            if (skipLow && string.Equals(key, low, StringComparison.Ordinal))
                continue;
            yield return key;
        }
    }
}
