using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// Work queue and reconcile metrics of every controller, in Prometheus text format with the names client-go and
/// controller-runtime use (workqueue_depth, workqueue_adds_total, workqueue_retries_total,
/// controller_reconcile_duration_seconds, controller_reconcile_errors_total), so the server can append them to /metrics.
/// </summary>
public sealed class ControllerMetrics
{
    private static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<string, QueueMetrics> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReconcileMetrics> _reconciles = new(StringComparer.Ordinal);

    internal QueueMetrics ForQueue(string name, Func<int> depth)
    {
        // A queue re-created under the same name (host restarted) keeps its counters and reports the new depth.
        var q = _queues.GetOrAdd(name, _ => new QueueMetrics(depth));
        q.Depth = depth;
        return q;
    }

    /// <summary>Records one reconcile of <paramref name="controller"/>: its duration and whether it threw.</summary>
    public void ReconcileDone(string controller, double seconds, bool error) =>
        _reconciles.GetOrAdd(controller, _ => new ReconcileMetrics()).Observe(seconds, error);

    public long Adds(string queue) => _queues.TryGetValue(queue, out var q) ? Interlocked.Read(ref q.AddCount) : 0;

    public long Errors(string controller) => _reconciles.TryGetValue(controller, out var r) ? r.ErrorCount : 0;

    public long Reconciles(string controller) => _reconciles.TryGetValue(controller, out var r) ? r.TotalCount : 0;

    public void WriteTo(StringBuilder sb)
    {
        var queues = _queues.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Header(sb, "workqueue_depth", "gauge", "Current depth of workqueue.");
        foreach (var (name, q) in queues)
            sb.Append(CultureInfo.InvariantCulture, $"workqueue_depth{{name=\"{name}\"}} {q.Depth()}\n");
        Header(sb, "workqueue_adds_total", "counter", "Total number of adds handled by workqueue.");
        foreach (var (name, q) in queues)
            sb.Append(CultureInfo.InvariantCulture, $"workqueue_adds_total{{name=\"{name}\"}} {Interlocked.Read(ref q.AddCount)}\n");
        Header(sb, "workqueue_retries_total", "counter", "Total number of retries handled by workqueue.");
        foreach (var (name, q) in queues)
            sb.Append(CultureInfo.InvariantCulture, $"workqueue_retries_total{{name=\"{name}\"}} {Interlocked.Read(ref q.RetryCount)}\n");

        var reconciles = _reconciles.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Header(sb, "controller_reconcile_duration_seconds", "histogram", "Length of time per reconciliation per controller.");
        foreach (var (name, r) in reconciles)
            r.WriteHistogram(sb, "controller_reconcile_duration_seconds", $"controller=\"{name}\"");
        Header(sb, "controller_reconcile_total", "counter", "Total number of reconciliations per controller.");
        foreach (var (name, r) in reconciles)
            sb.Append(CultureInfo.InvariantCulture, $"controller_reconcile_total{{controller=\"{name}\"}} {r.TotalCount}\n");
        Header(sb, "controller_reconcile_errors_total", "counter", "Total number of reconciliation errors per controller.");
        foreach (var (name, r) in reconciles)
            sb.Append(CultureInfo.InvariantCulture, $"controller_reconcile_errors_total{{controller=\"{name}\"}} {r.ErrorCount}\n");
    }

    public string Render()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private sealed class ReconcileMetrics
    {
        private readonly Lock _lock = new();
        private readonly long[] _counts = new long[Buckets.Length];
        private double _sum;

        public long TotalCount { get { lock (_lock) return _total; } }

        public long ErrorCount { get { lock (_lock) return _errors; } }

        private long _total;
        private long _errors;

        public void Observe(double seconds, bool error)
        {
            lock (_lock)
            {
                _total++;
                if (error)
                    _errors++;
                _sum += seconds;
                for (var i = 0; i < Buckets.Length; i++)
                    if (seconds <= Buckets[i])
                        _counts[i]++;
            }
        }

        public void WriteHistogram(StringBuilder sb, string name, string labels)
        {
            lock (_lock)
            {
                for (var i = 0; i < Buckets.Length; i++)
                    sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Buckets[i]}\"}} {_counts[i]}\n");
                sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_total}\n");
                sb.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {_sum}\n");
                sb.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {_total}\n");
            }
        }
    }
}

/// <summary>The counters of one work queue; depth is read from the queue itself when rendering.</summary>
internal sealed class QueueMetrics(Func<int> depth)
{
    public long AddCount;
    public long RetryCount;

    public Func<int> Depth { get; set; } = depth;

    public void Added() => Interlocked.Increment(ref AddCount);

    public void Retried() => Interlocked.Increment(ref RetryCount);
}
