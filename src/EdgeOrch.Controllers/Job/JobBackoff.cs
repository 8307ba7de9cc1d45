using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.Job;

/// <summary>
/// The pod re-creation back-off after failures: 10 s after the first failure since the last success, doubling with each
/// further one, capped at 6 minutes. A failed pod's finish time comes from its containers (terminated.finishedAt), its
/// Ready condition, or, failing both, from when this controller first saw it failed.
/// </summary>
internal sealed class JobBackoff(TimeProvider time)
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(6);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeenFailed = new();

    /// <summary>How long to wait before creating pods again (zero when no back-off applies).</summary>
    public TimeSpan Remaining(IReadOnlyList<JsonObject> pods)
    {
        var now = time.GetUtcNow();
        var lastSuccess = pods.Where(PodStates.IsSucceeded).Select(FinishedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var failures = pods.Where(PodStates.IsFailed).Select(FinishedAt).Where(t => t > lastSuccess).ToList();
        if (failures.Count == 0) return TimeSpan.Zero;
        var delay = Delay(failures.Count);
        var until = failures.Max() + delay;
        return until > now ? until - now : TimeSpan.Zero;
    }

    /// <summary>10 s · 2^(failures-1), at most 6 minutes.</summary>
    public static TimeSpan Delay(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var seconds = Initial.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromSeconds(Math.Min(seconds, Max.TotalSeconds));
    }

    /// <summary>Forgets pods that no longer exist.</summary>
    public void Forget(IEnumerable<string> liveUids)
    {
        var live = liveUids.ToHashSet();
        foreach (var uid in _firstSeenFailed.Keys)
            if (!live.Contains(uid))
                _firstSeenFailed.TryRemove(uid, out _);
    }

    private DateTimeOffset FinishedAt(JsonObject pod)
    {
        var finished = pod.Obj("status").Arr("containerStatuses").Objects()
            .Select(c => Objects.Timestamp(c.Obj("state").Obj("terminated"), "finishedAt"))
            .Where(t => t is not null).Max();
        return finished
            ?? Objects.Timestamp(PodStates.Condition(pod, "Ready"), "lastTransitionTime")
            ?? _firstSeenFailed.GetOrAdd(Objects.Uid(pod), _ => time.GetUtcNow());
    }
}
