using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// The read side the workload controllers need from an informer. An interface so unit tests can drive a controller
/// over a cache they control (including one that lags behind the API, to prove the expectations logic).
/// </summary>
internal interface IObjectCache
{
    JsonObject? Get(string? ns, string name);

    IReadOnlyList<JsonObject> List(string? ns);
}

/// <summary>The production cache: a shared informer.</summary>
internal sealed class InformerObjectCache(Informer informer) : IObjectCache
{
    public JsonObject? Get(string? ns, string name) => informer.Get(ns, name);

    public IReadOnlyList<JsonObject> List(string? ns) => informer.List(ns);
}

/// <summary>Records an Event about an object ("Normal"/"Warning", reason, message); the component is fixed per controller.</summary>
internal delegate void EventSink(JsonObject involved, string type, string reason, string message);
