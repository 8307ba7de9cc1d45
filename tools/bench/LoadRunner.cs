using System.Diagnostics;

namespace EdgeOrch.Bench;

/// <summary>Result of one closed-loop load run.</summary>
internal sealed record LoadResult(int Ok, int Errors, double Seconds, double[] LatenciesMs, string? FirstError)
{
    /// <summary>CPU seconds the server used during the run (NaN when not measured).</summary>
    public double ServerCpuSeconds { get; init; } = double.NaN;

    /// <summary>Server CPU milliseconds per 1,000 successful requests.</summary>
    public double CpuMsPer1000 => ServerCpuSeconds * 1000 / Ok * 1000;

    public double PerSecond => Ok / Seconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);
}

/// <summary>
/// Closed-loop load: N workers each send one request, wait for its answer, and send the next, for a fixed time.
/// The operation gets (worker, sequence) and returns true on success.
/// </summary>
internal static class LoadRunner
{
    /// <summary>As <see cref="RunAsync(int, TimeSpan, Func{int, int, Task{bool}})"/>, also measuring the server's CPU time.</summary>
    public static async Task<LoadResult> RunAsync(int serverPid, int workers, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var before = CpuTime.Seconds(serverPid);
        var result = await RunAsync(workers, duration, operation);
        return result with { ServerCpuSeconds = CpuTime.Seconds(serverPid) - before };
    }

    public static async Task<LoadResult> RunAsync(int workers, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var latencies = new List<double>[workers];
        var ok = 0;
        var errors = 0;
        string? firstError = null;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(16_384);
            for (var i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    if (await operation(w, i))
                    {
                        mine.Add(Stats.TicksToMs(Stopwatch.GetTimestamp() - t0));
                        Interlocked.Increment(ref ok);
                        continue;
                    }
                    Interlocked.CompareExchange(ref firstError, "operation returned failure", null);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
                if (Interlocked.Increment(ref errors) > 1000)
                {
                    return; // the target is failing; stop rather than spin
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = Stats.TicksToMs(Stopwatch.GetTimestamp() - started) / 1000.0;
        return new LoadResult(ok, errors, seconds, latencies.SelectMany(l => l).ToArray(), firstError);
    }

    /// <summary>
    /// A fixed amount of work: N workers take the next index (0..count-1) until all are taken; each index is sent once,
    /// failures are counted, not retried.
    /// </summary>
    public static async Task<LoadResult> RunCountAsync(int workers, int count, Func<int, Task<bool>> operation)
    {
        var latencies = new List<double>[workers];
        var next = -1;
        var ok = 0;
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(count / workers + 1);
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    if (await operation(i))
                    {
                        mine.Add(Stats.TicksToMs(Stopwatch.GetTimestamp() - t0));
                        Interlocked.Increment(ref ok);
                        continue;
                    }
                    Interlocked.CompareExchange(ref firstError, "operation returned failure", null);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
                Interlocked.Increment(ref errors);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = Stats.TicksToMs(Stopwatch.GetTimestamp() - started) / 1000.0;
        return new LoadResult(ok, errors, seconds, latencies.SelectMany(l => l).ToArray(), firstError);
    }
}
