namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// What a controller is still waiting to see in its informer after its own writes (Kubernetes' ControllerExpectations with
/// UID tracking for deletions): N pod creations and a set of pod deletions per owner key. While any are outstanding the
/// controller does not create or delete more, so a lagging cache cannot make it over-create. Expectations expire after five
/// minutes, as in Kubernetes, so a lost watch event cannot stall an owner forever.
/// </summary>
internal sealed class ControllerExpectations(TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = [];

    private sealed class Entry
    {
        public int Creates;
        public readonly HashSet<string> Deletes = [];
        public DateTimeOffset SetAt;
    }

    /// <summary>True when nothing is outstanding for the key (or the record expired): the controller may act.</summary>
    public bool Satisfied(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            if (e.Creates <= 0 && e.Deletes.Count == 0) return true;
            return time.GetUtcNow() - e.SetAt > Ttl;
        }
    }

    public void ExpectCreations(string key, int count)
    {
        lock (_gate)
        {
            var e = Fresh(key);
            e.Creates = count;
        }
    }

    public void ExpectDeletions(string key, IEnumerable<string> podKeys)
    {
        lock (_gate)
        {
            var e = Fresh(key);
            e.Deletes.UnionWith(podKeys);
        }
    }

    public void CreationObserved(string key)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e) && e.Creates > 0)
                e.Creates--;
    }

    public void DeletionObserved(string key, string podKey)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e))
                e.Deletes.Remove(podKey);
    }

    public void Forget(string key)
    {
        lock (_gate)
            _entries.Remove(key);
    }

    private Entry Fresh(string key)
    {
        if (!_entries.TryGetValue(key, out var e) || (e.Creates <= 0 && e.Deletes.Count == 0))
        {
            e = new Entry();
            _entries[key] = e;
        }
        e.SetAt = time.GetUtcNow();
        return e;
    }
}
