using System.Collections.Concurrent;
using static EdgeOrch.Store.Tests.TempStore;

namespace EdgeOrch.Store.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ConcurrentUpdatesOfOneKeyHaveExactlyOneWinnerPerRevision()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        await s.CreateAsync("/counter", BitConverter.GetBytes(0L));
        var winsPerExpected = new ConcurrentDictionary<long, int>();
        var wins = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                // Read-modify-write with optimistic concurrency, retried until it wins.
                while (true)
                {
                    var current = (await s.GetAsync("/counter"))!;
                    var next = BitConverter.ToInt64(current.Value.Span) + 1;
                    var result = await s.UpdateAsync("/counter", BitConverter.GetBytes(next), current.Revision);
                    if (result.Status == StoreStatus.Ok)
                    {
                        winsPerExpected.AddOrUpdate(current.Revision, 1, (_, n) => n + 1);
                        Interlocked.Increment(ref wins);
                        break;
                    }
                    Assert.Equal(StoreStatus.Conflict, result.Status);
                    Assert.True(result.Entry!.Revision > current.Revision);
                }
            }
        })));

        Assert.Equal(16 * 40, wins);
        Assert.All(winsPerExpected.Values, n => Assert.Equal(1, n));
        var final = (await s.GetAsync("/counter"))!;
        Assert.Equal(16 * 40, BitConverter.ToInt64(final.Value.Span));
        Assert.Equal(1 + 16 * 40, final.Revision);
    }

    [Fact]
    public async Task GroupCommitPutsManyWritesInOneTransaction()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        var value = new byte[300];
        await Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
                Assert.True((await s.CreateAsync($"/g/{w}/{i}", value)).Succeeded);
        })));

        Assert.Equal(64 * 30, s.CommittedWriteCount);
        // 64 writers that each wait for their previous write keep the queue full while a commit is in flight.
        Assert.True(s.CommitCount < s.CommittedWriteCount / 2, $"{s.CommitCount} commits for {s.CommittedWriteCount} writes");
        Assert.Equal(64 * 30, await s.CountAsync("/g/"));
        Assert.Equal(64 * 30, s.CurrentRevision);
    }

    [Fact]
    public async Task ListAtAnOldRevisionSeesOldValues()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        await s.CreateAsync("/l/a", Bytes("a1"));
        await s.CreateAsync("/l/b", Bytes("b1"));
        var old = s.CurrentRevision;
        await s.UpdateAsync("/l/a", Bytes("a2"), 0);
        await s.DeleteAsync("/l/b", 0);
        await s.CreateAsync("/l/c", Bytes("c1"));

        var then = await s.ListAsync("/l/", old);
        Assert.Equal(StoreStatus.Ok, then.Status);
        Assert.Equal(old, then.Revision);
        Assert.Equal(["/l/a=a1@1", "/l/b=b1@2"], then.Items.Select(e => $"{e.Key}={Text(e.Value)}@{e.Revision}"));

        var now = await s.ListAsync("/l/");
        Assert.Equal(["/l/a=a2", "/l/c=c1"], now.Items.Select(e => $"{e.Key}={Text(e.Value)}"));

        // Between the two: a is updated, b not yet deleted.
        var mid = await s.ListAsync("/l/", old + 1);
        Assert.Equal(["/l/a=a2", "/l/b=b1"], mid.Items.Select(e => $"{e.Key}={Text(e.Value)}"));
    }

    [Fact]
    public async Task PaginationAtAFixedRevisionIgnoresConcurrentWrites()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        for (var i = 0; i < 100; i++)
            await s.CreateAsync($"/pg/{i:D3}", Bytes($"v{i}"));

        var first = await s.ListAsync("/pg/", 0, limit: 7);
        var revision = first.Revision;
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                await s.UpdateAsync($"/pg/{n % 100:D3}", Bytes("changed"), 0);
                await s.DeleteAsync($"/pg/{(n * 7) % 100:D3}", 0);
                await s.CreateAsync($"/pg/{n % 100:D3}x", Bytes("new"));
            }
        });

        while (s.CurrentRevision < revision + 30)
            await Task.Delay(1);
        var seen = new List<StoreEntry>(first.Items);
        var more = first.More;
        while (more)
        {
            var page = await s.ListAsync("/pg/", revision, limit: 7, startAfterKey: seen[^1].Key);
            Assert.Equal(StoreStatus.Ok, page.Status);
            Assert.Equal(revision, page.Revision);
            seen.AddRange(page.Items);
            more = page.More;
        }
        await stop.CancelAsync();
        await churn;

        Assert.True(s.CurrentRevision > revision, "writes happened during the pagination");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"/pg/{i:D3}=v{i}"), seen.Select(e => $"{e.Key}={Text(e.Value)}"));
    }
}
