using static EdgeOrch.Store.Tests.TempStore;

namespace EdgeOrch.Store.Tests;

public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LiveEventsCarryCreateAndPrevious()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        using var watch = s.Watch("/w/", s.CurrentRevision);
        await s.CreateAsync("/w/a", Bytes("1"));
        await s.CreateAsync("/other", Bytes("x"));
        await s.UpdateAsync("/w/a", Bytes("2"), 0);
        await s.DeleteAsync("/w/a", 0);

        var events = await ReadAsync(watch, 3);
        AssertLifecycle(events);
    }

    [Fact]
    public async Task CatchUpEventsCarryCreateAndPrevious()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        await s.CreateAsync("/w/a", Bytes("1"));
        await s.CreateAsync("/other", Bytes("x"));
        await s.UpdateAsync("/w/a", Bytes("2"), 0);
        await s.DeleteAsync("/w/a", 0);

        using var watch = s.Watch("/w/", 0);
        AssertLifecycle(await ReadAsync(watch, 3));
    }

    private static void AssertLifecycle(List<WatchEvent> events)
    {
        Assert.Equal([1L, 3, 4], events.Select(e => e.Entry.Revision));
        Assert.Equal(WatchEventType.Put, events[0].Type);
        Assert.True(events[0].IsCreate);
        Assert.Null(events[0].Previous);

        Assert.Equal(WatchEventType.Put, events[1].Type);
        Assert.False(events[1].IsCreate);
        Assert.Equal("2", Text(events[1].Entry.Value));
        Assert.Equal(1, events[1].Entry.CreateRevision);
        Assert.Equal("1", Text(events[1].Previous!.Value));
        Assert.Equal(1, events[1].Previous!.Revision);

        Assert.Equal(WatchEventType.Delete, events[2].Type);
        Assert.Equal("2", Text(events[2].Entry.Value));
        Assert.Equal(3, events[2].Previous!.Revision);
    }

    [Fact]
    public async Task ResumedWatchSeesEveryRevisionOnceInOrderAcrossCatchUpAndLive()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        const int Writers = 8, PerWriter = 150;
        var resumeFrom = 0L;
        WatchStream? watch = null;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var key = $"/r/{w}/{i % 10}";
                if ((await s.CreateAsync(key, Bytes($"{w}.{i}"))).Status == StoreStatus.AlreadyExists)
                    await s.UpdateAsync(key, Bytes($"{w}.{i}"), 0);
                // Start watching from an old revision in the middle of the storm: the catch-up and the live events
                // overlap while writes keep coming.
                if (w == 0 && i == PerWriter / 2)
                {
                    resumeFrom = s.CurrentRevision / 3;
                    watch = s.Watch("/r/", resumeFrom);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var total = s.CurrentRevision;

        using (watch)
        {
            var events = await ReadAsync(watch!, (int)(total - resumeFrom));
            // Every key is under /r/, so the events must be exactly resumeFrom+1 .. total.
            Assert.Equal(Enumerable.Range((int)resumeFrom + 1, (int)(total - resumeFrom)).Select(i => (long)i), events.Select(e => e.Entry.Revision));
            Assert.False(watch!.Events.TryRead(out _));
        }
    }

    [Fact]
    public async Task WatchesRacingCompactionEitherSeeEveryRevisionOrAreToldCompacted()
    {
        await using var t = await CreateAsync(p => new SqliteStoreOptions { DatabasePath = p, KeepRevisions = 50, CompactionBatchRevisions = 20 });
        var s = t.Store;
        var writing = Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                var key = $"/z/{w}/{i % 10}";
                if ((await s.UpdateAsync(key, Bytes($"{i}"), 0)).Status == StoreStatus.NotFound)
                    await s.CreateAsync(key, Bytes($"{i}"));
            }
        })));
        var outcomes = new List<string>();
        while (!writing.IsCompleted)
        {
            var from = Math.Max(0, s.CurrentRevision - 80);
            using var watch = s.Watch("/", from);
            var expected = from + 1;
            // Read a stretch of events: they must be exactly from+1, from+2, ... until the watch is cut short
            // (or the writes are over and everything was seen).
            var deadline = DateTime.UtcNow + Patience;
            while (expected <= from + 100 && !(writing.IsCompleted && expected > s.CurrentRevision))
            {
                Assert.True(DateTime.UtcNow < deadline, $"stuck at {expected}, current {s.CurrentRevision}");
                var ready = watch.Events.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(ready, Task.Delay(50)) != ready)
                    continue;
                if (!await ready)
                    break;
                while (watch.Events.TryRead(out var e))
                    Assert.Equal(expected++, e.Entry.Revision);
            }
            outcomes.Add(watch.Error is null ? "ok" : watch.Error.ToString()!);
            if (watch.Error is not null)
                Assert.Equal(StoreStatus.Compacted, watch.Error);
        }
        await writing;
        Assert.Contains("ok", outcomes);
        Assert.True(s.CompactedRevision > 0);
    }

    [Fact]
    public async Task WatchFromACompactedRevisionFailsWithCompacted()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        await s.CreateAsync("/c", Bytes("0"));
        for (var i = 1; i < 10; i++)
            await s.UpdateAsync("/c", Bytes($"{i}"), 0);
        await s.CompactAsync(5);

        using var watch = s.Watch("/", 3);
        await watch.Events.Completion.WaitAsync(Patience);
        Assert.Equal(StoreStatus.Compacted, watch.Error);

        using var ok = s.Watch("/", 5);
        Assert.Null(ok.Error);
        Assert.Equal(StoreStatus.Compacted, (await s.ListAsync("/", 4)).Status);
        Assert.Equal(StoreStatus.Ok, (await s.ListAsync("/", 5)).Status);
    }

    [Fact]
    public async Task SlowWatcherIsCutOff()
    {
        await using var t = await CreateAsync(p => new SqliteStoreOptions { DatabasePath = p, BackgroundCompaction = false, WatchBufferSize = 8 });
        var s = t.Store;
        using var watch = s.Watch("/", s.CurrentRevision);
        for (var i = 0; i < 40; i++)
            await s.CreateAsync($"/s/{i}", Bytes("x"));

        var read = 0;
        await foreach (var _ in watch.Events.ReadAllAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
            read++;
        Assert.Equal(StoreStatus.Compacted, watch.Error);
        Assert.True(read < 40);
    }

    [Fact]
    public async Task DisposedWatchCompletesWithoutError()
    {
        await using var t = await CreateAsync();
        var watch = t.Store.Watch("/", 0);
        watch.Dispose();
        await watch.Events.Completion.WaitAsync(Patience);
        Assert.Null(watch.Error);
        await t.Store.CreateAsync("/after", Bytes("x"));
    }

    internal static async Task<List<WatchEvent>> ReadAsync(WatchStream watch, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var events = new List<WatchEvent>(count);
        while (events.Count < count)
        {
            Assert.True(await watch.Events.WaitToReadAsync(timeout.Token), $"watch ended after {events.Count} events: {watch.Error}");
            while (events.Count < count && watch.Events.TryRead(out var e))
                events.Add(e);
        }
        return events;
    }
}
