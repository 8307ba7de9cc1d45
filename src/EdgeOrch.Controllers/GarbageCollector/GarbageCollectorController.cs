using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>
/// Garbage collection by ownerReferences, as Kubernetes' collector does it:
/// - a dependent whose owners are all gone (by uid) is deleted (Background propagation, the API server's default);
///   one that keeps a live owner only loses the references to the gone ones;
/// - an owner deleted in the Foreground carries the "foregroundDeletion" finalizer: its dependents are deleted, and once
///   none with blockOwnerDeletion is left the finalizer is removed (the API server then deletes the owner);
/// - an owner deleted with Orphan carries the "orphan" finalizer: its reference is removed from every dependent, then the finalizer.
/// It follows every kind but Events through the shared informers (their owner-uid index finds dependents, so no graph of
/// its own is kept), and reacts only to changes that matter: ownerReferences, deletion and finalizers, not status updates.
/// </summary>
public sealed class GarbageCollectorController : IController
{
    private const string Component = "garbage-collector-controller";
    private static readonly TimeSpan WaitingRecheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnresolvableRecheck = TimeSpan.FromMinutes(1);

    private readonly ControllerContext _context;
    private readonly WatchedKinds _kinds;
    private readonly OwnerResolver _owners;
    private IWorkQueue? _queue;

    public GarbageCollectorController(ControllerContext context)
    {
        _context = context;
        _kinds = new WatchedKinds(context.Informers, context.Registry);
        _owners = new OwnerResolver(_kinds, context.Client);
    }

    public string Name => "garbagecollector";

    public int Workers => 4;

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _queue = queue;
        _kinds.Refresh(Subscribe);
        // Custom resources can be owners and dependents too: follow each new kind as its CRD is established.
        context.Registry.Changed += () => _kinds.Refresh(Subscribe);
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (!GcKey.TryParse(key, out var k) || _kinds.ByResource(k.ResourceId) is not { } informer)
            return ReconcileResult.Done;
        await informer.Synced.WaitAsync(cancellationToken);
        var obj = informer.Get(k.Namespace, k.Name);
        if (obj is null)
            return ReconcileResult.Done;

        if (ObjectFacts.IsDeleting(obj))
        {
            if (ObjectFacts.HasFinalizer(obj, ObjectFacts.OrphanFinalizer))
                return await OrphanDependentsAsync(informer, obj, cancellationToken);
            if (ObjectFacts.HasFinalizer(obj, ObjectFacts.ForegroundFinalizer))
                return await DeleteDependentsFirstAsync(informer, obj, cancellationToken);
            return ReconcileResult.Done;
        }
        return await CollectIfOwnersGoneAsync(informer, obj, cancellationToken);
    }

    /// <summary>The object as a dependent: deleted when no owner is left, or cleared of references to owners that are gone.</summary>
    private async Task<ReconcileResult> CollectIfOwnersGoneAsync(Informer informer, JsonObject obj, CancellationToken ct)
    {
        var refs = OwnerReference.Of(obj);
        if (refs.Count == 0)
            return ReconcileResult.Done;
        var ns = ObjectFacts.Namespace(obj);
        var solid = false;
        var unresolvable = false;
        var waiting = false;
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in refs)
        {
            var state = await _owners.ClassifyAsync(owner, ns, ct);
            switch (state)
            {
                case OwnerState.Solid:
                    solid = true;
                    break;
                case OwnerState.Unresolvable:
                    unresolvable = true;
                    if (_owners.IsInvalidNamespaceReference(owner, ns))
                        _context.Events.Record(obj, "Warning", "OwnerRefInvalidNamespace",
                            $"ownerRef [{owner.ApiVersion}/{owner.Kind}, namespace: , name: {owner.Name}, uid: {owner.Uid}] does not exist in namespace \"\"",
                            Component);
                    break;
                case OwnerState.WaitingForDependents:
                    waiting = true;
                    gone.Add(owner.Uid);
                    break;
                default:
                    gone.Add(owner.Uid);
                    break;
            }
        }

        if (solid)
        {
            // A live owner keeps the object; references to the gone (or foreground-deleting) owners are dropped.
            if (gone.Count > 0)
                await FreshUpdate.ApplyAsync(_context.Client, informer.Type, ns, ObjectFacts.Name(obj), ObjectFacts.Uid(obj),
                    current => ObjectFacts.RemoveOwnerReferences(current, gone), ct);
            return ReconcileResult.Done;
        }
        if (unresolvable)
            return ReconcileResult.After(UnresolvableRecheck);

        // Every owner is gone or waiting for its dependents: this object goes. An object with dependents of its own, whose
        // owner waits in the foreground, is deleted in the foreground too, so the wait covers the whole tree.
        var policy = ObjectFacts.HasFinalizer(obj, ObjectFacts.OrphanFinalizer) ? "Orphan"
            : waiting && HasDependents(ObjectFacts.Uid(obj)) ? "Foreground"
            : ObjectFacts.HasFinalizer(obj, ObjectFacts.ForegroundFinalizer) ? "Foreground"
            : "Background";
        try
        {
            await _context.Client.DeleteAsync(informer.Type, ns, ObjectFacts.Name(obj), policy, preconditionUid: ObjectFacts.Uid(obj),
                cancellationToken: ct);
        }
        catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
        {
            // Already gone, or replaced by a new object (the uid precondition failed): nothing to collect.
        }
        return ReconcileResult.Done;
    }

    /// <summary>Orphan: every dependent loses its reference to this owner, then the "orphan" finalizer goes.</summary>
    private async Task<ReconcileResult> OrphanDependentsAsync(Informer informer, JsonObject owner, CancellationToken ct)
    {
        await AllSyncedAsync(ct);
        var uid = ObjectFacts.Uid(owner);
        var only = new HashSet<string>(StringComparer.Ordinal) { uid };
        foreach (var (dependentInformer, dependent) in Dependents(uid))
            await FreshUpdate.ApplyAsync(_context.Client, dependentInformer.Type, ObjectFacts.Namespace(dependent), ObjectFacts.Name(dependent),
                ObjectFacts.Uid(dependent), current => ObjectFacts.RemoveOwnerReferences(current, only), ct);
        await RemoveFinalizerAsync(informer, owner, ObjectFacts.OrphanFinalizer, ct);
        return ReconcileResult.Done;
    }

    /// <summary>Foreground: dependents are deleted; the owner's finalizer goes once no blocking dependent is left.</summary>
    private async Task<ReconcileResult> DeleteDependentsFirstAsync(Informer informer, JsonObject owner, CancellationToken ct)
    {
        await AllSyncedAsync(ct);
        var uid = ObjectFacts.Uid(owner);
        var blocking = 0;
        foreach (var (dependentInformer, dependent) in Dependents(uid))
        {
            if (OwnerReference.Of(dependent).Any(r => r.Uid == uid && r.BlockOwnerDeletion))
                blocking++;
            // Each dependent decides for itself (it may have another owner that keeps it).
            if (!ObjectFacts.IsDeleting(dependent))
                _queue?.Add(GcKey.Of(WatchedKinds.ResourceId(dependentInformer.Type), dependent));
        }
        if (blocking > 0)
            return ReconcileResult.After(WaitingRecheck);
        await RemoveFinalizerAsync(informer, owner, ObjectFacts.ForegroundFinalizer, ct);
        return ReconcileResult.Done;
    }

    private Task RemoveFinalizerAsync(Informer informer, JsonObject owner, string finalizer, CancellationToken ct) =>
        FreshUpdate.ApplyAsync(_context.Client, informer.Type, ObjectFacts.Namespace(owner), ObjectFacts.Name(owner), ObjectFacts.Uid(owner),
            current => ObjectFacts.RemoveFinalizer(current, finalizer), ct);

    // Finding "no dependents" is only true once every kind's cache is filled; before that a finalizer must not go.
    private Task AllSyncedAsync(CancellationToken ct) => Task.WhenAll(_kinds.All.Select(i => i.Synced)).WaitAsync(ct);

    private IEnumerable<(Informer Informer, JsonObject Object)> Dependents(string ownerUid)
    {
        foreach (var informer in _kinds.All)
            foreach (var dependent in informer.ListOwnedBy(ownerUid))
                yield return (informer, dependent);
    }

    private bool HasDependents(string ownerUid) => Dependents(ownerUid).Any();

    private void Subscribe(Informer informer)
    {
        var resourceId = WatchedKinds.ResourceId(informer.Type);
        informer.Changed += e => OnChanged(resourceId, e);
    }

    // Runs on the informer's loop: cache reads and enqueues only.
    private void OnChanged(string resourceId, InformerEvent e)
    {
        var queue = _queue;
        if (queue is null)
            return;
        var obj = e.New;
        if (e.Type == InformerEventType.Deleted)
        {
            // Its dependents may have lost their last owner; a foreground-deleting owner may have lost its last blocker.
            foreach (var (informer, dependent) in Dependents(ObjectFacts.Uid(obj)))
                queue.Add(GcKey.Of(WatchedKinds.ResourceId(informer.Type), dependent));
            EnqueueWaitingOwners(queue, obj);
            return;
        }

        var old = e.Old;
        var refsChanged = old is null || ObjectFacts.OwnerReferencesText(old) != ObjectFacts.OwnerReferencesText(obj);
        var deletionChanged = old is null || ObjectFacts.IsDeleting(old) != ObjectFacts.IsDeleting(obj)
            || ObjectFacts.WaitsForCollector(old) != ObjectFacts.WaitsForCollector(obj);
        if (!refsChanged && !deletionChanged)
            return;

        if (ObjectFacts.WaitsForCollector(obj) || (refsChanged && ObjectFacts.Meta(obj)?["ownerReferences"] is JsonArray { Count: > 0 }))
            queue.Add(GcKey.Of(resourceId, obj));
        if (old is not null)
        {
            // An owner that waits in the foreground rechecks when a dependent drops its reference or starts going.
            EnqueueWaitingOwners(queue, old);
            if (IsForegroundDeleting(obj) && !IsForegroundDeleting(old))
                foreach (var (informer, dependent) in Dependents(ObjectFacts.Uid(obj)))
                    queue.Add(GcKey.Of(WatchedKinds.ResourceId(informer.Type), dependent));
        }
    }

    private static bool IsForegroundDeleting(JsonObject obj) =>
        ObjectFacts.IsDeleting(obj) && ObjectFacts.HasFinalizer(obj, ObjectFacts.ForegroundFinalizer);

    private void EnqueueWaitingOwners(IWorkQueue queue, JsonObject dependent)
    {
        var ns = ObjectFacts.Namespace(dependent);
        foreach (var owner in OwnerReference.Of(dependent))
        {
            if (_kinds.ForOwner(owner) is not { } informer)
                continue;
            var ownerNs = informer.Type.Namespaced ? ns : null;
            if (informer.Get(ownerNs, owner.Name) is { } cached && ObjectFacts.Uid(cached) == owner.Uid && ObjectFacts.WaitsForCollector(cached))
                queue.Add(GcKey.Of(WatchedKinds.ResourceId(informer.Type), ownerNs, owner.Name));
        }
    }
}
