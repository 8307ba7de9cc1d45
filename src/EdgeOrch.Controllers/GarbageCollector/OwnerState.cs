namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>What became of one owner of a dependent, as Kubernetes' collector classifies owner references.</summary>
internal enum OwnerState
{
    /// <summary>Exists with the referenced uid and is not waiting for its dependents: the dependent stays.</summary>
    Solid,

    /// <summary>Gone, or replaced by a new object with the same name (another uid).</summary>
    Dangling,

    /// <summary>Being deleted in the foreground: it waits for its dependents to go.</summary>
    WaitingForDependents,

    /// <summary>Its kind is unknown, or a cluster-scoped dependent names a namespaced owner: nothing can be decided.</summary>
    Unresolvable,
}
