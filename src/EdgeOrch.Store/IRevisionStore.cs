namespace EdgeOrch.Store;

/// <summary>
/// The storage contract, in the spirit of kine's backend: every write appends a row to a revision log,
/// the row id is the revision, and readers address the log by key prefix and revision.
/// Conflicts are returned values, never exceptions: callers (the API server) turn them into HTTP 409.
/// A write's task completes only once the write is committed (durable); cancelling only helps before it is queued.
/// </summary>
public interface IRevisionStore : IAsyncDisposable
{
    /// <summary>The newest committed revision (0 for an empty store).</summary>
    long CurrentRevision { get; }

    /// <summary>The oldest revision still readable; reads and watches below it get <see cref="StoreStatus.Compacted"/>.</summary>
    long CompactedRevision { get; }

    /// <summary>The current value of one key, or null when it does not exist (or is deleted).</summary>
    ValueTask<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keys starting with <paramref name="prefix"/> as of <paramref name="atRevision"/> (0 = newest), in key order,
    /// starting after <paramref name="startAfterKey"/> (a continue token's position), at most <paramref name="limit"/> (0 = all).
    /// </summary>
    ValueTask<ListResult> ListAsync(string prefix, long atRevision = 0, int limit = 0, string? startAfterKey = null, CancellationToken cancellationToken = default);

    /// <summary>Number of live keys under a prefix (for remainingItemCount and metrics).</summary>
    ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Creates a key; <see cref="StoreStatus.AlreadyExists"/> when it is live.</summary>
    ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Replaces a key's value if its current revision is <paramref name="expectedRevision"/> (0 = any).</summary>
    ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key if its current revision is <paramref name="expectedRevision"/> (0 = any).
    /// The result's entry is the value the key had, so watchers can be sent the deleted object.</summary>
    ValueTask<WriteResult> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events for keys under <paramref name="prefix"/> with revision greater than <paramref name="afterRevision"/>, in revision order,
    /// first from the log, then live. Fails with <see cref="StoreStatus.Compacted"/> (through <see cref="WatchStream.Error"/>)
    /// when <paramref name="afterRevision"/> is older than the compacted revision. Pass <see cref="CurrentRevision"/> to watch from now.
    /// A watcher that falls too far behind is ended with <see cref="StoreStatus.Compacted"/> too: either way the client must re-list.
    /// </summary>
    WatchStream Watch(string prefix, long afterRevision);

    /// <summary>Drops history at or below <paramref name="revision"/> that no newer row needs (superseded values and tombstones).</summary>
    ValueTask<long> CompactAsync(long revision, CancellationToken cancellationToken = default);
}
