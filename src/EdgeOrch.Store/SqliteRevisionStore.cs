using System.Threading.Channels;
using EdgeOrch.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store;

/// <summary>
/// <see cref="IRevisionStore"/> on SQLite in WAL mode: an append-only revision log (row id = revision), one writer loop
/// that group-commits every queued write in one transaction, the live keys in memory, watches fed in-process after each
/// commit, compaction in small batches and WAL checkpoints off the commit path. Partial files: Writes, Watch, Maintenance.
/// </summary>
public sealed partial class SqliteRevisionStore : IRevisionStore
{
    private readonly SqliteStoreOptions _options;
    private readonly LogWriter _writer;
    private readonly LogReader _reader;
    private readonly Channel<WriteOp> _queue = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _shutdown = new();

    // Guards _live, _currentRevision's advance and _watchers, so that a reader or a new watcher sees one committed point.
    private readonly Lock _state = new();
    private readonly LiveIndex _live;
    private readonly List<Watcher> _watchers = new();
    private long _currentRevision;
    private long _compactedRevision;

    private readonly Thread _writerThread;
    private readonly Task _compactionLoop;
    private readonly Task _checkpointLoop;
    private int _disposed;

    private SqliteRevisionStore(SqliteStoreOptions options, SqliteConnection writeConnection, LiveIndex live, long current, long compacted)
    {
        _options = options;
        _writer = new LogWriter(writeConnection);
        _reader = new LogReader(options);
        _live = live;
        _currentRevision = current;
        _compactedRevision = compacted;
        _compactedThrough = compacted;
        _checkpointConnection = StoreSchema.Open(options, writer: false);
        // A dedicated thread: the writer blocks in fsync most of the time and must not hold a pool thread (2 cores).
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "edgeorch-store-writer" };
        _writerThread.Start();
        _compactionLoop = options.BackgroundCompaction ? Task.Run(CompactionLoopAsync) : Task.CompletedTask;
        _checkpointLoop = Task.Run(CheckpointLoopAsync);
    }

    public long CurrentRevision => Volatile.Read(ref _currentRevision);

    public long CompactedRevision => Volatile.Read(ref _compactedRevision);

    /// <summary>Transactions committed by the writer loop; tests check that writes are grouped.</summary>
    internal long CommitCount => Volatile.Read(ref _commitCount);

    /// <summary>Rows written by those commits.</summary>
    internal long CommittedWriteCount => Volatile.Read(ref _committedWriteCount);

    /// <summary>Opens (creating if needed) the database, recovers the current and compacted revisions and loads the live keys.</summary>
    public static Task<SqliteRevisionStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeepRevisions, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CompactionBatchRevisions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWritesPerCommit, 1);
        return Task.Run(() => Open(options), cancellationToken);
    }

    private static SqliteRevisionStore Open(SqliteStoreOptions options)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connection = StoreSchema.Open(options, writer: true);
        try
        {
            var compacted = StoreSchema.ScalarLong(connection, $"SELECT value FROM meta WHERE name = '{StoreSchema.CompactedMetaName}'");
            // sqlite_sequence remembers the highest revision ever handed out, even when compaction removed that row.
            var current = Math.Max(compacted, Math.Max(
                StoreSchema.ScalarLong(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'log'"),
                StoreSchema.ScalarLong(connection, "SELECT MAX(id) FROM log")));
            var live = LoadLive(connection);
            return new SqliteRevisionStore(options, connection, live, current, compacted);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static LiveIndex LoadLive(SqliteConnection connection)
    {
        var live = new LiveIndex();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.id, l.key, l.create_revision, l.value FROM log l
            JOIN (SELECT MAX(id) AS id FROM log GROUP BY key) m ON l.id = m.id
            WHERE l.deleted = 0
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(1);
            live.Set(key, new StoreEntry(key, StoreSchema.Blob(reader, 3), reader.GetInt64(0), reader.GetInt64(2)));
        }
        return live;
    }

    public ValueTask<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_state)
            return ValueTask.FromResult(_live.Get(key));
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var range = KeyRange.ForPrefix(prefix);
        lock (_state)
            return ValueTask.FromResult(_live.CountRange(range));
    }

    public ValueTask<ListResult> ListAsync(string prefix, long atRevision = 0, int limit = 0, string? startAfterKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        var range = KeyRange.ForPrefix(prefix);
        lock (_state)
        {
            // The newest revision is served from memory; the lock makes items and revision one consistent point.
            if (atRevision == 0 || atRevision == _currentRevision)
            {
                var (items, more) = _live.List(range, startAfterKey, limit);
                return ValueTask.FromResult(new ListResult(StoreStatus.Ok, items, _currentRevision, more));
            }
            if (atRevision > _currentRevision)
                return ValueTask.FromResult(new ListResult(StoreStatus.FutureRevision, [], _currentRevision, false));
        }
        return ListHistoryAsync(range, atRevision, limit, startAfterKey, cancellationToken);
    }

    private async ValueTask<ListResult> ListHistoryAsync(KeyRange range, long atRevision, int limit, string? startAfterKey, CancellationToken cancellationToken)
    {
        if (atRevision < CompactedRevision)
            return new ListResult(StoreStatus.Compacted, [], atRevision, false);
        // SQLite calls block; keep them off the caller's (request) thread.
        var (items, more) = await Task.Run(() => _reader.ListAt(range, atRevision, startAfterKey, limit), cancellationToken).ConfigureAwait(false);
        // Compaction advertises its revision before it deletes anything, so this check after the read catches a page
        // that compaction may have thinned while it was read.
        if (atRevision < CompactedRevision)
            return new ListResult(StoreStatus.Compacted, [], atRevision, false);
        return new ListResult(StoreStatus.Ok, items, atRevision, more);
    }

    /// <summary>Stops the loops, commits every write already queued, ends all watches and closes the database
    /// (checkpointing the WAL into the database file).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _shutdown.Cancel();
        try
        {
            await Task.WhenAll(_compactionLoop, _checkpointLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _queue.Writer.TryComplete();
        await Task.Run(() => _writerThread.Join()).ConfigureAwait(false);
        lock (_state)
        {
            foreach (var watcher in _watchers)
                watcher.Close(error: null);
            _watchers.Clear();
        }
        _reader.Dispose();
        _checkpointConnection.Dispose();
        try
        {
            StoreSchema.Execute(_writer.Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        finally
        {
            _writer.Dispose();
            _writer.Connection.Dispose();
            _shutdown.Dispose();
        }
    }
}
