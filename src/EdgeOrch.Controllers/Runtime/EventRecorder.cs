using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// Writes core/v1 Events about objects, so `kubectl describe` tells the story ("Scaled up replica set web-7d4f to 3").
/// Repeats of the same (object, reason, message) are counted on the existing Event instead of creating new ones.
/// CONTRACT ONLY: bodies are filled in by the runtime work.
/// </summary>
public sealed class EventRecorder
{
    /// <param name="involved">The object the event is about (its kind, apiVersion, namespace, name, uid, resourceVersion are used).</param>
    /// <param name="type">"Normal" or "Warning".</param>
    public void Record(JsonObject involved, string type, string reason, string message, string component) => throw new NotImplementedException();
}
