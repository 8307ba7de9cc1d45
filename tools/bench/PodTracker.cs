using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace EdgeOrch.Bench;

/// <summary>
/// Follows the pods of one namespace through a watch: per pod the client time its create was sent (from the writer),
/// and the arrival times of the first event showing it, showing it bound (spec.nodeName set) and showing it Ready.
/// Counts are kept for waiting on "N bound" or "N Ready".
/// </summary>
internal sealed class PodTracker
{
    internal sealed class Times
    {
        public long Sent;
        public long Seen;
        public long Bound;
        public long Ready;
        public bool Live;
        public bool ReadyLive;
    }

    private readonly ConcurrentDictionary<string, Times> _pods = new(StringComparer.Ordinal);
    private int _bound;
    private int _ready;
    private int _readyNow;
    private int _live;
    private int _readyLive;
    private volatile bool _trackExtremes;

    public int Bound => Volatile.Read(ref _bound);

    /// <summary>Pods that were ever seen Ready (a pod deleted later still counts).</summary>
    public int EverReady => Volatile.Read(ref _ready);

    /// <summary>Pods Ready at the last event and not deleted since.</summary>
    public int ReadyNow => Volatile.Read(ref _readyNow);

    public IReadOnlyDictionary<string, Times> Pods => _pods;

    /// <summary>Highest count of pods that exist and are not terminating, since <see cref="StartExtremes"/>.</summary>
    public int MaxLive { get; private set; }

    /// <summary>Lowest count of pods Ready and not terminating, since <see cref="StartExtremes"/>.</summary>
    public int MinReadyLive { get; private set; }

    /// <summary>Starts following the extremes (a rollout's surge and unavailability), checked on every watch event.</summary>
    public void StartExtremes()
    {
        MaxLive = Volatile.Read(ref _live);
        MinReadyLive = Volatile.Read(ref _readyLive);
        _trackExtremes = true;
    }

    public void MarkSent(string name) => _pods.GetOrAdd(name, _ => new Times()).Sent = Stopwatch.GetTimestamp();

    public void Forget(string name) => _pods.TryRemove(name, out _);

    /// <summary>The watch handler (single reader task).</summary>
    public void OnEvent(string type, JsonElement pod, long now)
    {
        var meta = pod.GetProperty("metadata");
        var name = meta.GetProperty("name").GetString()!;
        var t = _pods.GetOrAdd(name, _ => new Times());
        if (t.Seen == 0)
        {
            t.Seen = now;
        }
        var ready = type != "DELETED" && IsReady(pod);
        var live = type != "DELETED" && !meta.TryGetProperty("deletionTimestamp", out _);
        Count(ref _live, ref t.Live, live);
        Count(ref _readyLive, ref t.ReadyLive, live && ready);
        if (_trackExtremes)
        {
            MaxLive = Math.Max(MaxLive, _live);
            MinReadyLive = Math.Min(MinReadyLive, _readyLive);
        }
        if (type == "DELETED")
        {
            if (t.Ready != 0 && t.Ready != -1)
            {
                Interlocked.Decrement(ref _readyNow);
                t.Ready = -1; // ready once, now gone: counted in EverReady, not in ReadyNow
            }
            return;
        }
        if (t.Bound == 0 && pod.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var node) &&
            node.ValueKind == JsonValueKind.String && node.GetString()!.Length > 0)
        {
            t.Bound = now;
            Interlocked.Increment(ref _bound);
        }
        if (ready && t.Ready == 0)
        {
            t.Ready = now;
            Interlocked.Increment(ref _ready);
            Interlocked.Increment(ref _readyNow);
        }
    }

    private static void Count(ref int counter, ref bool was, bool now)
    {
        if (was != now)
        {
            Interlocked.Add(ref counter, now ? 1 : -1);
            was = now;
        }
    }

    private static bool IsReady(JsonElement pod)
    {
        if (!pod.TryGetProperty("status", out var status) || !status.TryGetProperty("conditions", out var conditions) ||
            conditions.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var c in conditions.EnumerateArray())
        {
            if (c.TryGetProperty("type", out var ct) && ct.GetString() == "Ready")
            {
                return c.TryGetProperty("status", out var cs) && cs.GetString() == "True";
            }
        }
        return false;
    }

    /// <summary>Waits until <paramref name="done"/> holds, or the timeout; false on timeout.</summary>
    public static async Task<bool> WaitAsync(Func<bool> done, TimeSpan timeout, Func<string>? progress = null)
    {
        var sw = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        while (!done())
        {
            if (sw.Elapsed > timeout)
            {
                return false;
            }
            if (progress is not null && sw.Elapsed - lastLog > TimeSpan.FromSeconds(5))
            {
                lastLog = sw.Elapsed;
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   ... {progress()}");
            }
            await Task.Delay(10);
        }
        return true;
    }
}
