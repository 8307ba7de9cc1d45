using System.Threading.Channels;

namespace EdgeOrch.Store;

/// <summary>
/// A watch: read <see cref="Events"/> until it completes. It completes when the watch is disposed, the store closes,
/// or the watcher falls too far behind (a slow reader is cut off rather than holding memory; it re-lists, as Kubernetes clients do).
/// <see cref="Error"/> says why it ended when it was not disposed by the reader.
/// </summary>
public sealed class WatchStream : IDisposable
{
    private readonly Action<WatchStream>? _onDispose;
    private int _disposed;

    public WatchStream(ChannelReader<WatchEvent> events, Action<WatchStream>? onDispose)
    {
        Events = events;
        _onDispose = onDispose;
    }

    public ChannelReader<WatchEvent> Events { get; }

    /// <summary>Set before <see cref="Events"/> completes when the store ended the watch: Compacted when the start revision is gone
    /// or the reader fell too far behind (both mean: re-list). Null when the reader disposed the watch or the store closed.</summary>
    public StoreStatus? Error { get; internal set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _onDispose?.Invoke(this);
    }
}
