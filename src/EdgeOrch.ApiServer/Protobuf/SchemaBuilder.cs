namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>Collects message definitions and the top-level kinds they decode, for <see cref="ProtoSchemaSet"/>.</summary>
internal sealed class SchemaBuilder
{
    private readonly Dictionary<string, MessageDef> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kinds = new(StringComparer.Ordinal);

    /// <summary>Defines a message in <see cref="FieldNotation"/>.</summary>
    public SchemaBuilder Message(string name, string fields)
    {
        if (!_messages.TryAdd(name, FieldNotation.Parse(name, fields)))
            throw new InvalidOperationException($"message {name} defined twice");
        return this;
    }

    /// <summary>Registers a top-level kind; its message is named like the kind unless given.</summary>
    public SchemaBuilder Kind(string apiVersion, string kind, string? message = null)
    {
        if (!_kinds.TryAdd(ProtoSchemaSet.KindKey(apiVersion, kind), message ?? kind))
            throw new InvalidOperationException($"kind {apiVersion}/{kind} registered twice");
        return this;
    }

    public ProtoSchemaSet Build() => new(_messages, _kinds);
}
