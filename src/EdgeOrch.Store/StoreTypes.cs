namespace EdgeOrch.Store;

/// <summary>One key's value at a revision. <see cref="CreateRevision"/> is the revision of the row that created the key.</summary>
public sealed record StoreEntry(string Key, ReadOnlyMemory<byte> Value, long Revision, long CreateRevision);

public enum StoreStatus
{
    Ok,
    NotFound,
    AlreadyExists,
    /// <summary>The key's revision is not the expected one.</summary>
    Conflict,
    /// <summary>The requested revision has been compacted away (HTTP 410 "too old resource version").</summary>
    Compacted,
    /// <summary>The requested revision is newer than anything committed.</summary>
    FutureRevision,
}

/// <summary>The outcome of a write. On success <see cref="Entry"/> is the new value (for deletes: the last value);
/// on <see cref="StoreStatus.Conflict"/> it is the current value, so callers can report it.</summary>
public readonly record struct WriteResult(StoreStatus Status, StoreEntry? Entry)
{
    public bool Succeeded => Status == StoreStatus.Ok;
}

/// <summary>A page of a list. <see cref="Revision"/> is the revision the page was read at (continue with it);
/// <see cref="More"/> tells whether keys remain after the last item.</summary>
public sealed record ListResult(StoreStatus Status, IReadOnlyList<StoreEntry> Items, long Revision, bool More);

public enum WatchEventType
{
    Put,
    Delete,
}

/// <summary>A change. <see cref="Entry"/> holds the new value (Put) or the last value before deletion (Delete, with the delete's revision);
/// <see cref="IsCreate"/> is true when the Put created the key. <see cref="Previous"/> holds the value before this change when known.</summary>
public sealed record WatchEvent(WatchEventType Type, StoreEntry Entry, bool IsCreate, StoreEntry? Previous = null);
