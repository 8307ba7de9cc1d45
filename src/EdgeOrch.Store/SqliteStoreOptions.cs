namespace EdgeOrch.Store;

/// <summary>Settings of <see cref="SqliteRevisionStore"/>. The defaults suit a small device with flash storage.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the SQLite database file (its -wal and -shm files live beside it).</summary>
    public required string DatabasePath { get; init; }

    public StoreDurability Durability { get; init; } = StoreDurability.PowerLoss;

    /// <summary>
    /// How many revisions of history the background compaction keeps (it compacts to current - KeepRevisions).
    /// Counted in revisions rather than minutes so the log's size on disk is bounded whatever the write rate:
    /// at a steady edge workload (tens of writes per second) 5000 revisions are several minutes of history, enough
    /// for a watcher to reconnect and resume; during a write storm a time-based window would grow the log without bound.
    /// </summary>
    public long KeepRevisions { get; init; } = 5000;

    /// <summary>How often the background loop compacts. It also compacts, without waiting, as soon as the
    /// uncompacted history exceeds 2 * <see cref="KeepRevisions"/>.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Revisions handled per compaction transaction: small enough that a batch takes a few milliseconds inside
    /// the writer's group commit, large enough that compaction outruns any write storm.</summary>
    public int CompactionBatchRevisions { get; init; } = 1000;

    /// <summary>Turns the background compaction loop off (tests drive <see cref="IRevisionStore.CompactAsync"/> by hand).</summary>
    public bool BackgroundCompaction { get; init; } = true;

    /// <summary>
    /// Roughly how many WAL pages accumulate before a checkpoint copies them into the database file. Larger means fewer
    /// flash writes (a page changed by many commits is copied once per checkpoint) at the price of a larger WAL file;
    /// 4000 pages of 4 KiB is about 16 MiB. Checkpoints run on their own connection, never inside the writer's commit path.
    /// </summary>
    public int WalCheckpointPages { get; init; } = 4000;

    /// <summary>Events a watcher may have unread before it is cut off (it then re-lists, as Kubernetes clients do).</summary>
    public int WatchBufferSize { get; init; } = 2048;

    /// <summary>Most writes one group commit takes, so that the first write of a huge burst is not held back too long.</summary>
    public int MaxWritesPerCommit { get; init; } = 512;
}
