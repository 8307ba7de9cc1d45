namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>The hand-written schema tables: every known message, and which message a (apiVersion, kind) decodes as.</summary>
internal sealed class ProtoSchemaSet
{
    private readonly IReadOnlyDictionary<string, MessageDef> _messages;
    private readonly IReadOnlyDictionary<string, string> _kinds;

    public ProtoSchemaSet(IReadOnlyDictionary<string, MessageDef> messages, IReadOnlyDictionary<string, string> kinds)
    {
        _messages = messages;
        _kinds = kinds;
    }

    /// <summary>The tables for every built-in kind kubectl sends in protobuf.</summary>
    public static ProtoSchemaSet Default { get; } = CreateDefault();

    public IEnumerable<MessageDef> Messages => _messages.Values;

    public IEnumerable<KeyValuePair<string, string>> Kinds => _kinds;

    /// <summary>The apiVersion a kind is registered under when it decodes the same in every group version.</summary>
    public const string AnyVersion = "*";

    public static string KindKey(string apiVersion, string kind) => apiVersion + "|" + kind;

    public MessageDef? Message(string name) => _messages.GetValueOrDefault(name);

    public MessageDef? ForKind(string apiVersion, string kind) =>
        _kinds.TryGetValue(KindKey(apiVersion, kind), out var name) || _kinds.TryGetValue(KindKey(AnyVersion, kind), out name)
            ? Message(name)
            : null;

    /// <summary>Names of message types that fields refer to but no table defines (a table bug; tested).</summary>
    public IReadOnlyList<string> DanglingReferences()
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var message in _messages.Values)
        {
            foreach (var field in message.Fields.Values)
            {
                if (field.MessageType is { } type && !_messages.ContainsKey(type))
                    missing.Add($"{message.Name}.{field.JsonName} -> {type}");
            }
        }
        foreach (var (key, name) in _kinds)
        {
            if (!_messages.ContainsKey(name))
                missing.Add($"{key} -> {name}");
        }
        return [.. missing];
    }

    private static ProtoSchemaSet CreateDefault()
    {
        var builder = new SchemaBuilder();
        MetaSchema.Register(builder);
        CoreSchema.Register(builder);
        PodSchema.Register(builder);
        WorkloadSchema.Register(builder);
        AccessSchema.Register(builder);
        return builder.Build();
    }
}
