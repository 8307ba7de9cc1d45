using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// Writes core/v1 Events about objects, so `kubectl describe` tells the story ("Scaled up replica set web-7d4f to 3").
/// Repeats of the same (object, type, reason, message, component) bump count and lastTimestamp on the existing Event
/// instead of creating new ones. Writes happen in the background, one at a time: <see cref="Record"/> never blocks and
/// never throws (failures are logged); <see cref="FlushAsync"/> waits for what was recorded so far.
/// </summary>
public sealed class EventRecorder
{
    private const int MaxRemembered = 4096;

    private static readonly ResourceType EventType =
        BuiltinResources.Types.First(t => t.Group.Length == 0 && t.Plural == "events");

    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new() { SingleReader = true });
    private readonly Dictionary<string, (string Namespace, string Name, long Count)> _seen = new(StringComparer.Ordinal);
    private readonly IApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private long _lastNanos;
    private int _pumping;

    public EventRecorder(IApiClient client, TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        _time = time ?? TimeProvider.System;
        _log = logger ?? NullLogger.Instance;
    }

    /// <param name="involved">The object the event is about (its kind, apiVersion, namespace, name, uid, resourceVersion are used).</param>
    /// <param name="type">"Normal" or "Warning".</param>
    public void Record(JsonObject involved, string type, string reason, string message, string component)
    {
        try
        {
            var reference = Reference(involved);
            var now = _time.GetUtcNow(); // when it happened, not when the background write gets to it
            Enqueue(() => WriteAsync(reference, now, type, reason, message, component));
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "could not record event {Reason}", reason);
        }
    }

    /// <summary>Completes when every event recorded before the call has been written (or has failed).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        });
        return done.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(Func<Task> work)
    {
        _work.Writer.TryWrite(work);
        if (Interlocked.Exchange(ref _pumping, 1) == 0)
            _ = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "writing an event failed");
            }
        }
    }

    private async Task WriteAsync(JsonObject reference, DateTimeOffset now, string type, string reason, string message, string component)
    {
        var stamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var aggregateKey = string.Join('\u0001', (string?)reference["uid"] ?? "", (string?)reference["kind"], (string?)reference["namespace"],
            (string?)reference["name"], type, reason, message, component);
        if (_seen.TryGetValue(aggregateKey, out var existing))
        {
            var patch = new JsonObject { ["count"] = existing.Count + 1, ["lastTimestamp"] = stamp };
            try
            {
                await _client.PatchAsync(EventType, existing.Namespace, existing.Name, PatchType.Merge, patch).ConfigureAwait(false);
                _seen[aggregateKey] = existing with { Count = existing.Count + 1 };
                return;
            }
            catch (ApiClientException ex) when (ex.IsNotFound)
            {
                // The event expired or was deleted: start a new one.
                _seen.Remove(aggregateKey);
            }
        }

        // Events of cluster-scoped objects (nodes, namespaces) live in "default", as in Kubernetes.
        var ns = (string?)reference["namespace"] is { Length: > 0 } n ? n : "default";
        var name = $"{(string?)reference["name"]}.{NextNanos(now):x}";
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = reference,
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = stamp,
            ["lastTimestamp"] = stamp,
            ["count"] = 1,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        await _client.CreateAsync(EventType, ev).ConfigureAwait(false);
        if (_seen.Count >= MaxRemembered)
            _seen.Clear(); // crude bound: forgetting only means a repeat starts a fresh Event
        _seen[aggregateKey] = (ns, name, 1);
    }

    /// <summary>Unix nanoseconds of now, strictly increasing so two events in the same tick get different names.</summary>
    private long NextNanos(DateTimeOffset now)
    {
        var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        _lastNanos = Math.Max(nanos, _lastNanos + 1);
        return _lastNanos;
    }

    private static JsonObject Reference(JsonObject involved)
    {
        var meta = involved["metadata"] as JsonObject;
        var reference = new JsonObject
        {
            ["kind"] = (string?)involved["kind"],
            ["apiVersion"] = (string?)involved["apiVersion"],
            ["name"] = (string?)meta?["name"],
            ["uid"] = (string?)meta?["uid"],
            ["resourceVersion"] = (string?)meta?["resourceVersion"],
        };
        if ((string?)meta?["namespace"] is { Length: > 0 } ns)
            reference["namespace"] = ns;
        return reference;
    }
}
