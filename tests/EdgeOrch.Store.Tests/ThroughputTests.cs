using System.Diagnostics;
using Xunit.Abstractions;
using static EdgeOrch.Store.Tests.TempStore;

namespace EdgeOrch.Store.Tests;

/// <summary>A sanity run, not a benchmark: it reports the rate and asserts only correctness, never timing.</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SixteenWritersOf300ByteValues()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        const int Writers = 16, PerWriter = 500;
        var value = new byte[300];
        var latencies = new double[Writers * PerWriter];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Assert.True((await s.CreateAsync($"/tp/{w}/{i}", value)).Succeeded);
                latencies[w * PerWriter + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        clock.Stop();
        Array.Sort(latencies);
        output.WriteLine($"{Writers * PerWriter} creates in {clock.Elapsed.TotalMilliseconds:F0} ms = {Writers * PerWriter / clock.Elapsed.TotalSeconds:F0}/s; " +
            $"p50 {latencies[latencies.Length / 2]:F2} ms, p99 {latencies[latencies.Length * 99 / 100]:F2} ms; " +
            $"{s.CommitCount} commits ({(double)s.CommittedWriteCount / s.CommitCount:F1} writes each); " +
            $"WAL {new FileInfo(t.DatabasePath + "-wal").Length / 1024} KiB, database {new FileInfo(t.DatabasePath).Length / 1024} KiB");
        Assert.Equal(Writers * PerWriter, await s.CountAsync("/tp/"));
    }
}
