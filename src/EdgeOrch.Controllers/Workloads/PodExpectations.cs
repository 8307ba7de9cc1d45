using System.Collections.Concurrent;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>
/// Kubernetes' "expectations": after creating or deleting pods with random names, a controller must not act again until
/// its pod cache shows those writes; a reconcile triggered meanwhile by another change (its own status write, say) would
/// otherwise see the old pod set and create duplicates. Expectations that are never observed expire, so a lost watch
/// event cannot wedge a controller.
/// </summary>
internal sealed class PodExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Pending> _pending = new();

    private sealed class Pending
    {
        public readonly Lock Gate = new();
        public readonly HashSet<string> Creates = [];
        public readonly Dictionary<string, string> Deletes = [];
        public DateTimeOffset Since;
    }

    public void ExpectCreate(string key, string podName) => Update(key, p => p.Creates.Add(podName));

    public void ExpectDelete(string key, string podName, string uid) => Update(key, p => p.Deletes[podName] = uid);

    /// <summary>
    /// True when the cache reflects every recorded write (or they expired); otherwise how long until they expire.
    /// </summary>
    public bool Satisfied(string key, Informer pods, string? ns, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (!_pending.TryGetValue(key, out var p)) return true;
        lock (p.Gate)
        {
            p.Creates.RemoveWhere(name => pods.Get(ns, name) is not null);
            foreach (var (name, uid) in p.Deletes.ToList())
                if (pods.Get(ns, name) is not { } pod || Objects.Uid(pod) != uid || Objects.IsDeleting(pod))
                    p.Deletes.Remove(name);
            var expires = p.Since + Timeout;
            if (p.Creates.Count == 0 && p.Deletes.Count == 0 || time.GetUtcNow() >= expires)
            {
                _pending.TryRemove(key, out _);
                return true;
            }
            wait = expires - time.GetUtcNow();
            return false;
        }
    }

    public void Forget(string key) => _pending.TryRemove(key, out _);

    private void Update(string key, Action<Pending> change)
    {
        var p = _pending.GetOrAdd(key, _ => new Pending { Since = time.GetUtcNow() });
        lock (p.Gate)
        {
            if (p.Creates.Count == 0 && p.Deletes.Count == 0) p.Since = time.GetUtcNow();
            change(p);
        }
    }
}
