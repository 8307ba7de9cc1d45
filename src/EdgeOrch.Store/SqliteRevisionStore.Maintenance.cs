using EdgeOrch.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store;

public sealed partial class SqliteRevisionStore
{
    private readonly SemaphoreSlim _compactionGate = new(1, 1);
    private readonly SemaphoreSlim _compactionSignal = new(0, 1);
    private readonly SemaphoreSlim _checkpointSignal = new(0, 1);
    private readonly SqliteConnection _checkpointConnection;
    // How far compaction has really deleted (persisted in meta); _compactedRevision is what readers are refused below.
    private long _compactedThrough;
    private long _walPagesEstimate;
    private int _finishCheckpoint;

    /// <summary>
    /// Compacts history at or below <paramref name="revision"/> (clamped to the current revision) and returns the
    /// compacted revision. The work runs in windows of <see cref="SqliteStoreOptions.CompactionBatchRevisions"/>, each
    /// one a step of the writer's group commit, so writers are never held back for long.
    /// </summary>
    public async ValueTask<long> CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        await _compactionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            revision = Math.Min(revision, CurrentRevision);
            if (revision > _compactedRevision)
            {
                // Refuse reads below the target before deleting anything: readers check it after reading.
                lock (_state)
                    Volatile.Write(ref _compactedRevision, revision);
            }
            while (_compactedThrough < _compactedRevision)
            {
                var from = _compactedThrough;
                var to = Math.Min(_compactedRevision, from + _options.CompactionBatchRevisions);
                var op = new WriteOp(WriteKind.Compact, "", null, to) { CompactFrom = from };
                if (!_queue.Writer.TryWrite(op))
                    throw new ObjectDisposedException(nameof(SqliteRevisionStore));
                await op.Task.ConfigureAwait(false);
                _compactedThrough = to;
            }
            return _compactedRevision;
        }
        finally
        {
            _compactionGate.Release();
        }
    }

    /// <summary>Called by the writer after each commit: keeps the WAL estimate and wakes the background loops.</summary>
    private void AfterCommit(int rows, List<WriteOp> group)
    {
        // Pages a commit adds to the WAL, over-estimated: the log's last page, sqlite_sequence, one index page per row,
        // plus the values themselves; a compaction batch rewrites a few dozen pages of the log and the index.
        long bytes = 0;
        foreach (var op in group)
            bytes += op.Kind == WriteKind.Compact ? 32 * 4096 : op.Value?.Length ?? 0;
        var pages = Interlocked.Add(ref _walPagesEstimate, 2 + rows + bytes / 4096);
        if (pages >= _options.WalCheckpointPages)
            Nudge(_checkpointSignal);
        if (_options.BackgroundCompaction && _currentRevision - _compactedRevision > 2 * Math.Max(_options.KeepRevisions, 1))
            Nudge(_compactionSignal);
    }

    private static void Nudge(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task CompactionLoopAsync()
    {
        var token = _shutdown.Token;
        while (!token.IsCancellationRequested)
        {
            await _compactionSignal.WaitAsync(_options.CompactionInterval, token).ConfigureAwait(false);
            var target = CurrentRevision - _options.KeepRevisions;
            if (target <= _compactedRevision)
                continue;
            try
            {
                await CompactAsync(target, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A failed batch (e.g. disk full) is retried on the next round; the writes themselves report the error.
            }
        }
    }

    private async Task CheckpointLoopAsync()
    {
        var token = _shutdown.Token;
        while (!token.IsCancellationRequested)
        {
            await _checkpointSignal.WaitAsync(token).ConfigureAwait(false);
            Interlocked.Exchange(ref _walPagesEstimate, 0);
            try
            {
                // The bulk of the copy runs here, beside the writer: PASSIVE never waits for the writer or readers.
                // But under a steady stream of commits it never catches up with the WAL's end, and the WAL only restarts
                // from its beginning after a checkpoint that did; so the writer finishes the job between two groups,
                // when only the few frames appended meanwhile are left (see FinishCheckpoint).
                await Task.Run(() => StoreSchema.Execute(_checkpointConnection, "PRAGMA wal_checkpoint(PASSIVE)"), token).ConfigureAwait(false);
                Volatile.Write(ref _finishCheckpoint, 1);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException)
            {
                // Busy or I/O trouble: the next signal tries again.
            }
        }
    }

    /// <summary>Writer thread, between groups: completes a checkpoint the background loop has mostly done, so that the
    /// next transaction starts the WAL over instead of growing it.</summary>
    private void FinishCheckpoint()
    {
        if (Volatile.Read(ref _finishCheckpoint) == 0 || Interlocked.Exchange(ref _finishCheckpoint, 0) == 0)
            return;
        try
        {
            _writer.CheckpointPassive();
        }
        catch (SqliteException)
        {
            // Retried at the next round.
        }
    }
}
