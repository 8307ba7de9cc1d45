using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// A set of owned field paths, as in one managedFields entry. Every path is a member ("this value is owned"); fieldsV1 writes
/// members that have owned descendants as "." inside their node. Set operations work on members, like structured-merge-diff.
/// </summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, string[]> _members = new(StringComparer.Ordinal);

    public int Count => _members.Count;

    public bool IsEmpty => _members.Count == 0;

    public IEnumerable<string[]> Paths => _members.Values;

    public void Add(string[] path) => _members.TryAdd(FieldPath.Encode(path), path);

    public bool Contains(string[] path) => _members.ContainsKey(FieldPath.Encode(path));

    /// <summary>True when some member lies strictly below <paramref name="path"/>.</summary>
    public bool HasMemberUnder(string[] path)
    {
        string prefix = FieldPath.Encode(path) + "\0";
        return _members.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        foreach (var (k, v) in other._members) result._members.TryAdd(k, v);
        return result;
    }

    public FieldSet Except(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var (k, v) in _members)
        {
            if (!other._members.ContainsKey(k)) result._members[k] = v;
        }
        return result;
    }

    public FieldSet Intersect(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var (k, v) in _members)
        {
            if (other._members.ContainsKey(k)) result._members[k] = v;
        }
        return result;
    }

    public bool SetEquals(FieldSet other) => Count == other.Count && _members.Keys.All(other._members.ContainsKey);

    public FieldSet Copy()
    {
        var result = new FieldSet();
        foreach (var (k, v) in _members) result._members[k] = v;
        return result;
    }

    public static FieldSet FromFieldsV1(JsonObject? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is not null) Read(fieldsV1, [], set);
        return set;
    }

    private static void Read(JsonObject node, string[] path, FieldSet set)
    {
        foreach (var (key, child) in node)
        {
            if (key == ".")
            {
                if (path.Length > 0) set.Add(path);
                continue;
            }

            string[] childPath = FieldPath.Append(path, key);
            if (child is JsonObject o && o.Count > 0) Read(o, childPath, set);
            else set.Add(childPath);
        }
    }

    /// <summary>The fieldsV1 tree: "." first, then fields, keys, values and indexes, each sorted (as structured-merge-diff does).</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new Node();
        foreach (var path in _members.Values)
        {
            var node = root;
            foreach (var element in path) node = node.Child(element);
            node.IsMember = true;
        }
        return root.ToJson();
    }

    private sealed class Node
    {
        private readonly SortedDictionary<string, Node> _children = new(ElementOrder.Instance);

        public bool IsMember { get; set; }

        public Node Child(string element)
        {
            if (!_children.TryGetValue(element, out var child)) _children[element] = child = new Node();
            return child;
        }

        public JsonObject ToJson()
        {
            var obj = new JsonObject();
            if (IsMember && _children.Count > 0) obj["."] = new JsonObject();
            foreach (var (k, child) in _children) obj[k] = child.ToJson();
            return obj;
        }
    }

    private sealed class ElementOrder : IComparer<string>
    {
        public static readonly ElementOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            int rank = Rank(x).CompareTo(Rank(y));
            return rank != 0 ? rank : string.CompareOrdinal(x, y);
        }

        private static int Rank(string? element) => element is { Length: > 0 } ? element[0] switch
        {
            'f' => 0,
            'k' => 1,
            'v' => 2,
            _ => 3,
        } : 4;
    }
}
