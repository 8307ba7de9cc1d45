using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// A cache of every object of one kind (all namespaces), kept current by list-then-watch (re-list on 410), shared by all
/// controllers. Reads never call the API. Handlers run on the informer's loop: they must only enqueue keys, never block.
/// CONTRACT ONLY: bodies are filled in by the runtime work.
/// </summary>
public sealed class Informer
{
    public Informer(IApiClient client, ResourceType type)
    {
        Client = client;
        Type = type;
    }

    public IApiClient Client { get; }

    public ResourceType Type { get; }

    /// <summary>Completes once the first list has filled the cache.</summary>
    public Task Synced => throw new NotImplementedException();

    /// <summary>Called for every change after the initial sync, and for every object of the initial list (as Added).</summary>
    public event Action<InformerEvent>? Changed;

    public JsonObject? Get(string? ns, string name) => throw new NotImplementedException();

    /// <summary>Cached objects (of one namespace, or all when null). Callers must not modify them: DeepClone before editing.</summary>
    public IReadOnlyList<JsonObject> List(string? ns = null) => throw new NotImplementedException();

    /// <summary>Cached objects whose ownerReferences include <paramref name="ownerUid"/> (indexed).</summary>
    public IReadOnlyList<JsonObject> ListOwnedBy(string ownerUid) => throw new NotImplementedException();

    public Task RunAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    internal void Raise(InformerEvent e) => Changed?.Invoke(e);
}

public enum InformerEventType
{
    Added,
    Updated,
    Deleted,
}

/// <summary>A change seen by an informer: Old is null for Added, New is the last state for Deleted.</summary>
public sealed record InformerEvent(InformerEventType Type, JsonObject? Old, JsonObject New);
