using Microsoft.Data.Sqlite;
using static EdgeOrch.Store.Tests.TempStore;

namespace EdgeOrch.Store.Tests;

public sealed class CompactionTests
{
    [Fact]
    public async Task CompactionKeepsTheNewestValueOfEveryKeyAndDropsTombstones()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        for (var k = 0; k < 20; k++)
        {
            await s.CreateAsync($"/k/{k}", Bytes("0"));
            for (var v = 1; v <= 5; v++)
                await s.UpdateAsync($"/k/{k}", Bytes($"{v}"), 0);
        }
        for (var k = 0; k < 20; k += 2)
            await s.DeleteAsync($"/k/{k}", 0);
        // The newest row is a tombstone: compaction removes it, yet its revision must never be handed out again.
        var current = s.CurrentRevision;

        Assert.Equal(current, await s.CompactAsync(current));
        Assert.Equal(current, s.CompactedRevision);
        Assert.Equal(10, CountRows(t.DatabasePath, "SELECT COUNT(*) FROM log"));
        Assert.Equal(0, CountRows(t.DatabasePath, "SELECT COUNT(*) FROM log WHERE deleted <> 0"));

        var list = await s.ListAsync("/k/");
        Assert.Equal(10, list.Items.Count);
        Assert.All(list.Items, e => Assert.Equal("5", Text(e.Value)));
        Assert.Equal(StoreStatus.Compacted, (await s.ListAsync("/k/", current - 1)).Status);

        await t.ReopenAsync();
        Assert.Equal(current, t.Store.CurrentRevision);
        Assert.Equal(current, t.Store.CompactedRevision);
        Assert.Equal(10, await t.Store.CountAsync("/k/"));
        Assert.Equal(current + 1, (await t.Store.CreateAsync("/new", Bytes("x"))).Entry!.Revision);
    }

    [Fact]
    public async Task HistoryAboveTheCompactedRevisionStaysReadable()
    {
        await using var t = await CreateAsync(p => new SqliteStoreOptions { DatabasePath = p, BackgroundCompaction = false, CompactionBatchRevisions = 3 });
        var s = t.Store;
        await s.CreateAsync("/a", Bytes("a1"));      // 1
        await s.CreateAsync("/b", Bytes("b1"));      // 2
        await s.UpdateAsync("/a", Bytes("a2"), 0);   // 3
        await s.DeleteAsync("/b", 0);                // 4
        await s.UpdateAsync("/a", Bytes("a3"), 0);   // 5
        await s.CreateAsync("/b", Bytes("b2"));      // 6
        await s.UpdateAsync("/a", Bytes("a4"), 0);   // 7

        await s.CompactAsync(4);
        // At 4: a=a2 (row 3, superseded only after 4), b deleted.
        var at4 = await s.ListAsync("/", 4);
        Assert.Equal(["/a=a2"], at4.Items.Select(e => $"{e.Key}={Text(e.Value)}"));
        var at6 = await s.ListAsync("/", 6);
        Assert.Equal(["/a=a3", "/b=b2"], at6.Items.Select(e => $"{e.Key}={Text(e.Value)}"));

        using var watch = s.Watch("/", 4);
        var events = await WatchTests.ReadAsync(watch, 3);
        Assert.Equal([5L, 6, 7], events.Select(e => e.Entry.Revision));
        Assert.Equal("a2", Text(events[0].Previous!.Value));
    }

    [Fact]
    public async Task BackgroundCompactionKeepsUpWithWrites()
    {
        await using var t = await CreateAsync(p => new SqliteStoreOptions
        {
            DatabasePath = p,
            KeepRevisions = 100,
            CompactionBatchRevisions = 50,
            CompactionInterval = TimeSpan.FromHours(1), // only the size trigger can start it
        });
        var s = t.Store;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            await s.CreateAsync($"/b/{w}", Bytes("0"));
            for (var i = 0; i < 500; i++)
                await s.UpdateAsync($"/b/{w}", Bytes($"{i}"), 0);
        })));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (s.CurrentRevision - s.CompactedRevision > 2 * 100 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(s.CurrentRevision - s.CompactedRevision <= 2 * 100, $"current {s.CurrentRevision}, compacted {s.CompactedRevision}");
        Assert.True(s.CompactedRevision > 0);
        await t.Store.DisposeAsync();
        Assert.True(CountRows(t.DatabasePath, "SELECT COUNT(*) FROM log") <= 4 + 2 * 100 + 50);
    }

    [Fact]
    public async Task CompactingBackwardsOrTwiceIsANoOp()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        for (var i = 0; i < 5; i++)
            await s.CreateAsync($"/x/{i}", Bytes("x"));
        Assert.Equal(3, await s.CompactAsync(3));
        Assert.Equal(3, await s.CompactAsync(2));
        Assert.Equal(5, await s.CompactAsync(100)); // clamped to the current revision
        Assert.Equal(5, await s.CountAsync("/x/"));
    }

    [Fact]
    public async Task CheckpointsKeepTheWalBoundedUnderSustainedWrites()
    {
        await using var t = await CreateAsync(p => new SqliteStoreOptions { DatabasePath = p, BackgroundCompaction = false, WalCheckpointPages = 200 });
        var s = t.Store;
        var value = new byte[1000];
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
                await s.CreateAsync($"/wal/{w}/{i}", value);
        })));
        // 6,400 KiB-sized rows put well over 10 MiB through the WAL; checkpoints every ~200 pages keep restarting it.
        var wal = new FileInfo(t.DatabasePath + "-wal").Length;
        Assert.True(wal < 6 * 1024 * 1024, $"WAL is {wal / 1024} KiB");
    }

    internal static long CountRows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
