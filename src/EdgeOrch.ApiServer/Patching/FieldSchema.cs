namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// The merge-relevant shape of one kind: for field paths written as dotted names with list items left out
/// ("spec.template.spec.containers.ports"), which lists merge by key, which objects are atomic, which are maps.
/// Anything not listed is a granular struct or an atomic list, which is what Kubernetes defaults to.
/// </summary>
internal sealed class FieldSchema
{
    private readonly Dictionary<string, ListSchema> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _atomicObjects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _maps = new(StringComparer.Ordinal);

    /// <summary>No knowledge: every list atomic, every object granular (custom resources without a schema).</summary>
    public static readonly FieldSchema Empty = new();

    /// <summary>Key fields a defaulted object always carries, so an item that leaves them out still has a full key.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["protocol"] = "TCP",
    };

    public ListSchema ListAt(string path) => _lists.TryGetValue(path, out var s) ? s : ListSchema.Atomic;

    /// <summary>Objects owned and replaced as one value (LabelSelector, Service selector).</summary>
    public bool IsAtomicObject(string path) => _atomicObjects.Contains(path);

    /// <summary>map[string]T fields (labels, data): their presence is itself recorded (".") in an Update's field set.</summary>
    public bool IsMap(string path) => _maps.Contains(path) || path.EndsWith("metadata.labels", StringComparison.Ordinal) ||
                                      path.EndsWith("metadata.annotations", StringComparison.Ordinal);

    public FieldSchema List(string path, ListSchema schema)
    {
        _lists[path] = schema;
        return this;
    }

    public FieldSchema AtomicObject(string path)
    {
        _atomicObjects.Add(path);
        return this;
    }

    public FieldSchema Map(string path)
    {
        _maps.Add(path);
        return this;
    }

    public static string Child(string path, string field) => path.Length == 0 ? field : path + "." + field;
}
