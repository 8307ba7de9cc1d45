using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Client;

/// <summary>
/// The Kubernetes API as controllers, the scheduler, the agent and tools see it: objects as JSON, errors as
/// <see cref="ApiClientException"/> carrying the HTTP code and Kubernetes reason. Two implementations: in-process
/// (inside `edgeorch server`, no HTTP, no TLS) and over HTTPS with a kubeconfig (sim-nodes, agents on other nodes).
/// </summary>
public interface IApiClient
{
    /// <summary>The object, or null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>All objects (of one namespace, or all when ns is null) matching the selectors, with the list's resourceVersion.</summary>
    Task<ObjectList> ListAsync(ResourceType type, string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken cancellationToken = default);

    /// <summary>Changes after <paramref name="resourceVersion"/>, until cancelled or the server ends the watch (then re-list and
    /// watch again). An ERROR event with code 410 means the version is too old: re-list.</summary>
    IAsyncEnumerable<ApiWatchEvent> WatchAsync(ResourceType type, string? ns, string resourceVersion, CancellationToken cancellationToken = default);

    Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default);

    /// <summary>PUT with the object's resourceVersion (409 Conflict when it is stale).</summary>
    Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default);

    /// <summary>PUT of the status subresource.</summary>
    Task<JsonObject> UpdateStatusAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken = default);

    /// <summary>PATCH with one of the Kubernetes patch types; <paramref name="subresource"/> is "status" or "scale" or null.</summary>
    Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch,
        string? subresource = null, CancellationToken cancellationToken = default);

    /// <summary>DELETE; returns false when it was already gone. <paramref name="propagationPolicy"/>: Background, Foreground, Orphan or null.</summary>
    Task<bool> DeleteAsync(ResourceType type, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null,
        string? preconditionUid = null, CancellationToken cancellationToken = default);
}

public enum PatchType
{
    Json,
    Merge,
    StrategicMerge,
}

public sealed record ObjectList(IReadOnlyList<JsonObject> Items, string ResourceVersion);

/// <summary>A watch event: Type is ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (Object is then a Status).</summary>
public sealed record ApiWatchEvent(string Type, JsonObject Object);

/// <summary>An API error: <see cref="Code"/> is the HTTP status, <see cref="Reason"/> Kubernetes' reason (NotFound, Conflict, ...).</summary>
public sealed class ApiClientException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public bool IsNotFound => Code == 404;

    public bool IsConflict => Code == 409 && Reason == "Conflict";

    public bool IsAlreadyExists => Code == 409 && Reason == "AlreadyExists";
}
