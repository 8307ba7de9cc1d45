namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// The one shape of every controller (one folder each under src/EdgeOrch.Controllers/): it says which informers feed its
/// work queue (<see cref="Watch"/>) and reconciles one key at a time, level-based: read the current state from the informer
/// caches, never from the event that queued the key; make the world match; return whether to look again later.
/// Exceptions requeue the key with rate-limited back-off.
/// </summary>
public interface IController
{
    /// <summary>Short name for logs and metrics ("deployment", "replicaset", "scheduler", ...).</summary>
    string Name { get; }

    /// <summary>Number of keys reconciled at once.</summary>
    int Workers => 2;

    /// <summary>Subscribes to informers (context.Informers.For(type)) and enqueues keys ("namespace/name" or "name").</summary>
    void Watch(ControllerContext context, IWorkQueue queue);

    Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken);
}

/// <summary>What a reconcile asks for next: nothing, or another look after a delay (for time-based conditions).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static readonly ReconcileResult Done = new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

/// <summary>A deduplicating queue of keys: a key queued while waiting is queued once; while being processed, once more after.</summary>
public interface IWorkQueue
{
    void Add(string key);

    void AddAfter(string key, TimeSpan delay);
}
