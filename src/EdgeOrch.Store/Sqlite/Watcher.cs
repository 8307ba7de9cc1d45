using System.Threading.Channels;

namespace EdgeOrch.Store.Sqlite;

/// <summary>
/// One watch's state. Events go into a bounded channel the reader drains. While the watcher catches up from the log,
/// live events are parked in <see cref="_pending"/> instead; the catch-up task moves them over when the log is read.
/// Every member except the catch-up task's own work is used under the store's state lock.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchEvent> _channel;
    private readonly int _capacity;
    private List<WatchEvent>? _pending = new();

    public Watcher(KeyRange range, long afterRevision, int capacity)
    {
        Range = range;
        AfterRevision = afterRevision;
        _capacity = capacity;
        _channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public KeyRange Range { get; }

    /// <summary>Only events with a newer revision are delivered.</summary>
    public long AfterRevision { get; }

    /// <summary>The newest revision committed when the watcher registered: the log covers everything up to it,
    /// live publishing everything after it.</summary>
    public long LiveFrom { get; set; }

    public WatchStream? Stream { get; set; }

    public CancellationTokenSource Stop { get; } = new();

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    public ChannelWriter<WatchEvent> Writer => _channel.Writer;

    public bool CatchingUp => _pending is not null;

    public bool Closed { get; private set; }

    /// <summary>Offers a committed event (under the state lock). False means the watcher is too far behind.</summary>
    public bool Offer(WatchEvent e)
    {
        if (e.Entry.Revision <= AfterRevision || !Range.Contains(e.Entry.Key))
            return true;
        if (_pending is not null)
        {
            if (_pending.Count >= _capacity)
                return false;
            _pending.Add(e);
            return true;
        }
        return _channel.Writer.TryWrite(e);
    }

    /// <summary>Takes the parked events; when there are none, switches the watcher to live delivery (under the state lock).</summary>
    public List<WatchEvent>? TakePendingOrGoLive()
    {
        var pending = _pending!;
        if (pending.Count == 0)
        {
            _pending = null;
            return null;
        }
        _pending = new List<WatchEvent>();
        return pending;
    }

    /// <summary>Ends the watch (under the state lock); <paramref name="error"/> tells the reader why.</summary>
    public void Close(StoreStatus? error)
    {
        if (Closed)
            return;
        Closed = true;
        if (Stream is not null && error is not null)
            Stream.Error = error;
        _pending = null;
        Stop.Cancel();
        _channel.Writer.TryComplete();
    }
}
