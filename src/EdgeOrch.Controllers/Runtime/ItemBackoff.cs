namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// Per-key exponential back-off for failed reconciles: base * 2^failures, capped (5 ms .. 1000 s, like client-go's default
/// item rate limiter). <see cref="Forget"/> after a success starts the key over.
/// </summary>
public sealed class ItemBackoff(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _failures = [];
    private readonly TimeSpan _base = baseDelay ?? TimeSpan.FromMilliseconds(5);
    private readonly TimeSpan _max = maxDelay ?? TimeSpan.FromSeconds(1000);

    /// <summary>The delay before the next retry of <paramref name="key"/>; counts one more failure.</summary>
    public TimeSpan When(string key)
    {
        int n;
        lock (_lock)
        {
            _failures.TryGetValue(key, out n);
            _failures[key] = n + 1;
        }
        // 2^n overflows quickly; past 2^30 the cap has long been reached.
        var factor = Math.Pow(2, Math.Min(n, 30));
        var ticks = _base.Ticks * factor;
        return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
    }

    public int Failures(string key)
    {
        lock (_lock)
            return _failures.TryGetValue(key, out var n) ? n : 0;
    }

    public void Forget(string key)
    {
        lock (_lock)
            _failures.Remove(key);
    }
}
