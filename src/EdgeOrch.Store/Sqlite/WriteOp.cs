namespace EdgeOrch.Store.Sqlite;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
    /// <summary>One bounded compaction batch, run inside a group commit so it costs no extra fsync.</summary>
    Compact,
}

/// <summary>
/// One queued write. It is its own completion source (one allocation per write); continuations run asynchronously so
/// that completing a group never runs callers' code on the writer thread.
/// </summary>
internal sealed class WriteOp : TaskCompletionSource<WriteResult>
{
    public WriteOp(WriteKind kind, string key, byte[]? value, long expectedRevision)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Kind = kind;
        Key = key;
        Value = value;
        ExpectedRevision = expectedRevision;
    }

    public WriteKind Kind { get; }
    public string Key { get; }
    public byte[]? Value { get; }

    /// <summary>Expected revision for update/delete (0 = any). For <see cref="WriteKind.Compact"/>: the window's end.</summary>
    public long ExpectedRevision { get; }

    /// <summary>For <see cref="WriteKind.Compact"/>: the window's start (exclusive).</summary>
    public long CompactFrom { get; init; }

    /// <summary>Decided by the writer before the commit, handed out after it.</summary>
    public WriteResult Result { get; set; }

    /// <summary>The event to publish once committed (null when the write changed nothing).</summary>
    public WatchEvent? Event { get; set; }
}
