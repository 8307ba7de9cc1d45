namespace EdgeOrch.ApiServer.Patching;

/// <summary>How a list merges. Kubernetes declares this twice: patchStrategy/patchMergeKey for strategic merge patch and
/// listType/listMapKey for server-side apply. They mostly agree, but not always (container ports merge by containerPort in a
/// strategic merge patch, by containerPort+protocol in server-side apply), so both are kept.</summary>
internal enum ListKind
{
    /// <summary>Replaced as a whole; owned as one field.</summary>
    Atomic,

    /// <summary>Items are objects identified by key fields.</summary>
    Map,

    /// <summary>Items are distinct scalars (metadata.finalizers).</summary>
    Set,
}

/// <param name="Kind">The server-side apply list type.</param>
/// <param name="PatchMergeKey">The strategic-merge key; null when a strategic merge patch replaces the list (unless it is a Set).</param>
/// <param name="MapKeys">Server-side apply key fields for <see cref="ListKind.Map"/>.</param>
internal sealed record ListSchema(ListKind Kind, string? PatchMergeKey, string[] MapKeys)
{
    public static readonly ListSchema Atomic = new(ListKind.Atomic, null, []);
    public static readonly ListSchema PrimitiveSet = new(ListKind.Set, null, []);

    public static ListSchema ByKey(string key) => new(ListKind.Map, key, [key]);

    public static ListSchema ByKeys(string patchMergeKey, params string[] mapKeys) => new(ListKind.Map, patchMergeKey, mapKeys);

    /// <summary>An associative list for server-side apply that a strategic merge patch still replaces.</summary>
    public static ListSchema ApplyOnly(params string[] mapKeys) => new(ListKind.Map, null, mapKeys);

    /// <summary>Merged by key in a strategic merge patch but atomic for server-side apply.</summary>
    public static ListSchema PatchOnly(string patchMergeKey) => new(ListKind.Atomic, patchMergeKey, []);

    /// <summary>Whether a strategic merge patch merges this list rather than replacing it.</summary>
    public bool MergesInPatch => PatchMergeKey is not null || Kind == ListKind.Set;
}
