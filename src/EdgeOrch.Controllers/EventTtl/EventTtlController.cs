using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.EventTtl;

/// <summary>
/// Deletes Events older than their time to live (one hour, Kubernetes' --event-ttl default) so the store does not fill up.
/// Kubernetes gives each Event an etcd lease renewed on every write; here the age counts from the Event's last observation
/// (lastTimestamp, eventTime, series.lastObservedTime, else creationTimestamp). One pass over the informer cache every few
/// minutes, under a single key, instead of a timer per Event.
/// </summary>
public sealed class EventTtlController(ControllerContext context, TimeSpan? ttl = null, TimeSpan? interval = null) : IController
{
    public const string SweepKey = "sweep";

    private readonly ResourceType _eventType = context.Type("", "v1", "events");
    private readonly TimeSpan _ttl = ttl ?? TimeSpan.FromHours(1);
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMinutes(3);
    private Informer? _events;

    public string Name => "eventttl";

    public int Workers => 1;

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _events = context.Informers.For(_eventType);
        queue.Add(SweepKey);
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        await _events!.Synced.WaitAsync(cancellationToken);
        var now = context.Time.GetUtcNow();
        foreach (var e in _events.List())
        {
            if (now - LastObserved(e) < _ttl)
                continue;
            var meta = (JsonObject)e["metadata"]!;
            try
            {
                await context.Client.DeleteAsync(_eventType, (string?)meta["namespace"], (string)meta["name"]!,
                    preconditionUid: (string?)meta["uid"], cancellationToken: cancellationToken);
            }
            catch (ApiClientException ex) when (ex.IsNotFound || ex.IsConflict)
            {
                // Gone already, or recreated under the same name (then it is young).
            }
        }
        return ReconcileResult.After(_interval);
    }

    /// <summary>The latest of the Event's timestamps; an Event without any counts as just seen.</summary>
    internal DateTimeOffset LastObserved(JsonObject e)
    {
        DateTimeOffset? latest = null;
        foreach (var value in new[]
        {
            e["lastTimestamp"], e["eventTime"], e["series"]?["lastObservedTime"], e["metadata"]?["creationTimestamp"],
        })
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s)
                && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                && (latest is null || t > latest))
                latest = t;
        }
        return latest ?? context.Time.GetUtcNow();
    }
}
