namespace EdgeOrch.Controllers.NodeLifecycle;

/// <summary>
/// Kubernetes' node eviction rate limit (--node-eviction-rate 0.1: one more node may start evicting every 10 s), on a
/// TimeProvider. A token bucket with a burst of one: a flapping link cannot make many nodes evict at once.
/// </summary>
internal sealed class EvictionRateLimiter(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Takes the token when available; otherwise says how long until it is.</summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now >= _next)
            {
                _next = now + interval;
                wait = TimeSpan.Zero;
                return true;
            }
            wait = _next - now;
            return false;
        }
    }
}
