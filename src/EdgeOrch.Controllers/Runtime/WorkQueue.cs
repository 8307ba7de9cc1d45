namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// The work queue of one controller, with client-go's guarantees: a key waiting is queued once however often it is added;
/// a key being processed is never handed to a second worker, and if it was added meanwhile it is processed once more after
/// <see cref="Done"/>. Delayed adds (<see cref="AddAfter"/>) keep the earliest due time per key; failed keys come back with
/// per-key exponential back-off (<see cref="AddRateLimited"/>).
/// </summary>
public sealed class WorkQueue : IWorkQueue, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _dirty = [];
    private readonly HashSet<string> _processing = [];
    private readonly Dictionary<string, (DateTimeOffset Due, ITimer Timer)> _waiting = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private readonly QueueMetrics? _metrics;
    private bool _shutDown;

    public WorkQueue(string name, TimeProvider? time = null, ItemBackoff? backoff = null, ControllerMetrics? metrics = null)
    {
        Name = name;
        _time = time ?? TimeProvider.System;
        Backoff = backoff ?? new ItemBackoff();
        _metrics = metrics?.ForQueue(name, () => Count);
    }

    public string Name { get; }

    public ItemBackoff Backoff { get; }

    /// <summary>Keys waiting to be handed out (not those in process, not those delayed).</summary>
    public int Count { get { lock (_lock) return _queue.Count; } }

    /// <summary>True when nothing is queued and nothing is being processed (delayed keys do not count).</summary>
    public bool IsIdle { get { lock (_lock) return _queue.Count == 0 && _processing.Count == 0; } }

    /// <summary>Keys waiting for their AddAfter delay.</summary>
    public int DelayedCount { get { lock (_lock) return _waiting.Count; } }

    public bool IsShutDown { get { lock (_lock) return _shutDown; } }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (_shutDown || !_dirty.Add(key))
                return;
            _metrics?.Added();
            if (_processing.Contains(key))
                return;
            _queue.Enqueue(key);
        }
        _available.Release();
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_lock)
        {
            if (_shutDown)
                return;
            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var existing))
            {
                if (existing.Due <= due)
                    return;
                existing.Timer.Dispose();
            }
            // The timer is registered before it can fire: its callback takes the same lock.
            var timer = _time.CreateTimer(_ => Fire(key, due), null, delay, Timeout.InfiniteTimeSpan);
            _waiting[key] = (due, timer);
        }
    }

    /// <summary>Re-adds a key after its back-off delay, which doubles with every call until <see cref="Forget"/>.</summary>
    public void AddRateLimited(string key)
    {
        _metrics?.Retried();
        AddAfter(key, Backoff.When(key));
    }

    /// <summary>Ends back-off for a key (after a successful reconcile).</summary>
    public void Forget(string key) => Backoff.Forget(key);

    /// <summary>The next key to process, or null once the queue is shut down. Call <see cref="Done"/> when finished.</summary>
    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_shutDown)
                {
                    _available.Release(); // wake the next waiting worker too
                    return null;
                }
                if (_queue.Count == 0)
                    continue;
                var key = _queue.Dequeue();
                _dirty.Remove(key);
                _processing.Add(key);
                return key;
            }
        }
    }

    public void Done(string key)
    {
        var requeued = false;
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shutDown)
            {
                _queue.Enqueue(key);
                requeued = true;
            }
        }
        if (requeued)
            _available.Release();
    }

    /// <summary>Stops handing out keys: waiting and future GetAsync calls return null; delayed keys are dropped.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            if (_shutDown)
                return;
            _shutDown = true;
            foreach (var (_, w) in _waiting)
                w.Timer.Dispose();
            _waiting.Clear();
        }
        _available.Release();
    }

    public void Dispose()
    {
        ShutDown();
        _available.Dispose();
    }

    private void Fire(string key, DateTimeOffset due)
    {
        lock (_lock)
        {
            // A later AddAfter with an earlier due time replaced this timer; only the current one may fire.
            if (!_waiting.TryGetValue(key, out var w) || w.Due != due)
                return;
            w.Timer.Dispose();
            _waiting.Remove(key);
        }
        Add(key);
    }
}
