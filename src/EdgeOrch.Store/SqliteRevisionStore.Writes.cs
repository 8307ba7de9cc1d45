using System.Runtime.InteropServices;
using EdgeOrch.Store.Sqlite;

namespace EdgeOrch.Store;

public sealed partial class SqliteRevisionStore
{
    // Writer-thread state: reused between groups so a group allocates nothing of its own.
    private readonly List<WriteOp> _group = new();
    private readonly Dictionary<string, StoreEntry?> _overlay = new(StringComparer.Ordinal);
    private long _commitCount;
    private long _committedWriteCount;

    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteOp(WriteKind.Create, CheckKey(key), value.ToArray(), 0), cancellationToken);

    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedRevision, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteOp(WriteKind.Update, CheckKey(key), value.ToArray(), expectedRevision), cancellationToken);

    public ValueTask<WriteResult> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteOp(WriteKind.Delete, CheckKey(key), null, expectedRevision), cancellationToken);

    private static string CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key;
    }

    /// <summary>Queues a write; its task completes once the group holding it is committed. Cancellation only applies
    /// before the write is queued: a queued write is never taken back.</summary>
    private ValueTask<WriteResult> EnqueueAsync(WriteOp op, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(op))
            throw new ObjectDisposedException(nameof(SqliteRevisionStore));
        return new ValueTask<WriteResult>(op.Task);
    }

    private void WriterLoop()
    {
        var reader = _queue.Reader;
        while (true)
        {
            if (!reader.TryRead(out var first))
            {
                // Idle: block this dedicated thread until a write arrives or the queue is completed at shutdown.
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    return;
                continue;
            }
            // Group commit: everything queued right now (up to the cap) shares one transaction and one fsync.
            _group.Add(first);
            while (_group.Count < _options.MaxWritesPerCommit && reader.TryRead(out var next))
                _group.Add(next);
            try
            {
                CommitGroup(_group);
            }
            catch (Exception ex)
            {
                // A bug after the commit must not kill the writer thread or leave callers waiting forever.
                foreach (var op in _group)
                    op.TrySetException(ex);
            }
            finally
            {
                _group.Clear();
                _overlay.Clear();
            }
            FinishCheckpoint();
        }
    }

    private void CommitGroup(List<WriteOp> group)
    {
        var revision = _currentRevision; // only this thread advances it
        var began = false;
        var rows = 0;
        try
        {
            foreach (var op in group)
            {
                if (op.Kind == WriteKind.Compact)
                {
                    if (!began) { _writer.Begin(); began = true; }
                    _writer.CompactWindow(op.CompactFrom, op.ExpectedRevision);
                    op.Result = new WriteResult(StoreStatus.Ok, null);
                    continue;
                }
                var current = _overlay.TryGetValue(op.Key, out var pending) ? pending : _live.Get(op.Key);
                if (!Decide(op, current))
                    continue;
                if (!began) { _writer.Begin(); began = true; }
                revision++;
                rows++;
                Apply(op, current, revision);
            }
            if (began)
                _writer.Commit();
        }
        catch (Exception ex)
        {
            if (began)
                TryRollback();
            // Nothing of the group happened; every caller learns why.
            foreach (var op in group)
                op.TrySetException(ex);
            return;
        }

        if (began)
        {
            Interlocked.Increment(ref _commitCount);
            Interlocked.Add(ref _committedWriteCount, rows);
        }
        lock (_state)
        {
            foreach (var (key, entry) in _overlay)
                _live.Set(key, entry);
            Volatile.Write(ref _currentRevision, revision);
            foreach (var op in group)
            {
                if (op.Event is not null)
                    Publish(op.Event);
            }
        }
        foreach (var op in group)
            op.TrySetResult(op.Result);
        if (began)
            AfterCommit(rows, group);
    }

    /// <summary>Checks a write against the key's current entry; false (with the result set) when it writes nothing.</summary>
    private static bool Decide(WriteOp op, StoreEntry? current)
    {
        switch (op.Kind)
        {
            case WriteKind.Create when current is not null:
                op.Result = new WriteResult(StoreStatus.AlreadyExists, current);
                return false;
            case WriteKind.Update or WriteKind.Delete when current is null:
                op.Result = new WriteResult(StoreStatus.NotFound, null);
                return false;
            case WriteKind.Update or WriteKind.Delete when op.ExpectedRevision != 0 && op.ExpectedRevision != current!.Revision:
                op.Result = new WriteResult(StoreStatus.Conflict, current);
                return false;
            default:
                return true;
        }
    }

    /// <summary>Writes the log row for a decided write at <paramref name="revision"/> and records its outcome.</summary>
    private void Apply(WriteOp op, StoreEntry? current, long revision)
    {
        switch (op.Kind)
        {
            case WriteKind.Create:
            {
                _writer.Insert(revision, op.Key, revision, 0, deleted: false, op.Value!);
                var entry = new StoreEntry(op.Key, op.Value, revision, revision);
                _overlay[op.Key] = entry;
                op.Result = new WriteResult(StoreStatus.Ok, entry);
                op.Event = new WatchEvent(WatchEventType.Put, entry, IsCreate: true);
                break;
            }
            case WriteKind.Update:
            {
                _writer.Insert(revision, op.Key, current!.CreateRevision, current.Revision, deleted: false, op.Value!);
                var entry = new StoreEntry(op.Key, op.Value, revision, current.CreateRevision);
                _overlay[op.Key] = entry;
                op.Result = new WriteResult(StoreStatus.Ok, entry);
                op.Event = new WatchEvent(WatchEventType.Put, entry, IsCreate: false, current);
                break;
            }
            case WriteKind.Delete:
            {
                // The tombstone carries the last value so history readers (watch catch-up) can send the deleted object.
                _writer.Insert(revision, op.Key, current!.CreateRevision, current.Revision, deleted: true, AsArray(current.Value));
                var entry = new StoreEntry(op.Key, current.Value, revision, current.CreateRevision);
                _overlay[op.Key] = null;
                op.Result = new WriteResult(StoreStatus.Ok, entry);
                op.Event = new WatchEvent(WatchEventType.Delete, entry, IsCreate: false, current);
                break;
            }
        }
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();

    private void TryRollback()
    {
        try
        {
            _writer.Rollback();
        }
        catch (Exception)
        {
            // The transaction is already gone (SQLite rolls back by itself on some errors); nothing more to undo.
        }
    }
}
