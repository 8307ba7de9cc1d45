using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EdgeOrch.ApiServer.Metrics;

/// <summary>
/// The API server's metrics, named as Kubernetes names them so existing dashboards work: request counts by verb, resource
/// and code, request latency, open watches, and the store's write latency.
/// </summary>
public sealed class ApiMetrics
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _requests = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource), Histogram> _latency = new();
    private readonly ConcurrentDictionary<string, long> _watches = new();
    private readonly Histogram _storeWrites = new(Histogram.LatencyBuckets);
    private readonly List<Action<StringBuilder>> _extra = [];

    public void RequestDone(string verb, string resource, int code, double seconds)
    {
        _requests.AddOrUpdate((verb, resource, code), 1, (_, n) => n + 1);
        // A watch lasts as long as the client wants: its duration says nothing about latency.
        if (verb != "watch")
            _latency.GetOrAdd((verb, resource), _ => new Histogram(Histogram.LatencyBuckets)).Observe(seconds);
    }

    public void StoreWriteDone(double seconds) => _storeWrites.Observe(seconds);

    public void WatchStarted(string resource) => _watches.AddOrUpdate(resource, 1, (_, n) => n + 1);

    public void WatchEnded(string resource) => _watches.AddOrUpdate(resource, 0, (_, n) => n - 1);

    /// <summary>Lets other parts (the store, controllers) add their own lines to /metrics.</summary>
    public void AddSource(Action<StringBuilder> writer)
    {
        lock (_extra)
            _extra.Add(writer);
    }

    public string Render()
    {
        var sb = new StringBuilder(4096);
        sb.Append("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, resource and HTTP response code.\n");
        sb.Append("# TYPE apiserver_request_total counter\n");
        foreach (var ((verb, resource, code), count) in _requests.OrderBy(kv => kv.Key.Resource, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"apiserver_request_total{{verb=\"{verb}\",resource=\"{resource}\",code=\"{code}\"}} {count}\n");

        sb.Append("# HELP apiserver_request_duration_seconds Response latency distribution in seconds for each verb and resource.\n");
        sb.Append("# TYPE apiserver_request_duration_seconds histogram\n");
        foreach (var ((verb, resource), histogram) in _latency)
            histogram.WriteTo(sb, "apiserver_request_duration_seconds", $"verb=\"{verb}\",resource=\"{resource}\"");

        sb.Append("# HELP apiserver_registered_watchers Number of currently open watches for each resource.\n");
        sb.Append("# TYPE apiserver_registered_watchers gauge\n");
        foreach (var (resource, count) in _watches)
            sb.Append(CultureInfo.InvariantCulture, $"apiserver_registered_watchers{{resource=\"{resource}\"}} {count}\n");

        sb.Append("# HELP edgeorch_store_write_duration_seconds Time from a write's submission to its durable commit.\n");
        sb.Append("# TYPE edgeorch_store_write_duration_seconds histogram\n");
        _storeWrites.WriteTo(sb, "edgeorch_store_write_duration_seconds", "");

        lock (_extra)
            foreach (var writer in _extra)
                writer(sb);
        return sb.ToString();
    }
}
