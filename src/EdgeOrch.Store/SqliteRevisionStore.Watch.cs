using EdgeOrch.Store.Sqlite;

namespace EdgeOrch.Store;

public sealed partial class SqliteRevisionStore
{
    private const int CatchUpChunk = 256;

    /// <summary>
    /// Starts a watch. Registration and the writer's publishing share the state lock, so the watcher learns the exact
    /// revision R from which it receives live events; it reads (afterRevision, R] from the log and only then releases the
    /// live events parked meanwhile: no gap, no duplicate. Pass <see cref="CurrentRevision"/> to watch from now.
    /// A watcher that cannot keep up is cut off with <see cref="StoreStatus.Compacted"/>: like a compacted start revision,
    /// it must re-list before watching again.
    /// </summary>
    public WatchStream Watch(string prefix, long afterRevision)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        var watcher = new Watcher(KeyRange.ForPrefix(prefix), afterRevision, _options.WatchBufferSize);
        var stream = new WatchStream(watcher.Reader, _ => StopWatch(watcher));
        watcher.Stream = stream;
        lock (_state)
        {
            if (afterRevision < _compactedRevision)
            {
                watcher.Close(StoreStatus.Compacted);
                return stream;
            }
            if (_disposed != 0)
            {
                watcher.Close(error: null);
                return stream;
            }
            watcher.LiveFrom = _currentRevision;
            _watchers.Add(watcher);
        }
        _ = Task.Run(() => CatchUpAsync(watcher));
        return stream;
    }

    /// <summary>Hands one committed event to every matching watcher (called by the writer under the state lock).</summary>
    private void Publish(WatchEvent e)
    {
        for (var i = _watchers.Count - 1; i >= 0; i--)
        {
            var watcher = _watchers[i];
            if (!watcher.Offer(e))
            {
                watcher.Close(StoreStatus.Compacted);
                _watchers.RemoveAt(i);
            }
        }
    }

    private void StopWatch(Watcher watcher)
    {
        lock (_state)
        {
            watcher.Close(error: null);
            _watchers.Remove(watcher);
        }
    }

    private async Task CatchUpAsync(Watcher watcher)
    {
        var token = watcher.Stop.Token;
        try
        {
            var last = watcher.AfterRevision;
            while (last < watcher.LiveFrom)
            {
                var from = last;
                var events = await Task.Run(() => _reader.ReadEvents(watcher.Range, from, watcher.LiveFrom, CatchUpChunk), token).ConfigureAwait(false);
                // Compaction advertises its revision before deleting; if it passed our position, the chunk may have holes.
                if (CompactedRevision > from)
                {
                    EndWatch(watcher, StoreStatus.Compacted);
                    return;
                }
                foreach (var e in events)
                    await watcher.Writer.WriteAsync(e, token).ConfigureAwait(false);
                last = events.Count < CatchUpChunk ? watcher.LiveFrom : events[^1].Entry.Revision;
            }
            // Move the live events parked during the catch-up; the last (empty) take switches the watcher to live delivery
            // under the lock, so the writer's next event lands behind everything moved here.
            while (true)
            {
                List<WatchEvent>? parked;
                lock (_state)
                {
                    if (watcher.Closed)
                        return;
                    parked = watcher.TakePendingOrGoLive();
                }
                if (parked is null)
                    return;
                foreach (var e in parked)
                    await watcher.Writer.WriteAsync(e, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed by the reader or the store.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Closed under us by the store (cut off or shutdown); Close already set the reason.
        }
        catch (Exception) when (_disposed != 0)
        {
            EndWatch(watcher, error: null);
        }
        catch (Exception)
        {
            // The log could not be read: end the watch so the client starts over with a fresh list.
            EndWatch(watcher, StoreStatus.Compacted);
        }
    }

    private void EndWatch(Watcher watcher, StoreStatus? error)
    {
        lock (_state)
        {
            watcher.Close(error);
            _watchers.Remove(watcher);
        }
    }
}
