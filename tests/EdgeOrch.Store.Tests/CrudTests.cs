using static EdgeOrch.Store.Tests.TempStore;

namespace EdgeOrch.Store.Tests;

public sealed class CrudTests
{
    [Fact]
    public async Task CreateGetUpdateDelete()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        Assert.Equal(0, s.CurrentRevision);

        var created = await s.CreateAsync("/a/1", Bytes("v1"));
        Assert.Equal(StoreStatus.Ok, created.Status);
        Assert.Equal(1, created.Entry!.Revision);
        Assert.Equal(1, created.Entry.CreateRevision);
        Assert.Equal(1, s.CurrentRevision);

        var got = await s.GetAsync("/a/1");
        Assert.Equal("v1", Text(got!.Value));

        var updated = await s.UpdateAsync("/a/1", Bytes("v2"), expectedRevision: 1);
        Assert.Equal(StoreStatus.Ok, updated.Status);
        Assert.Equal(2, updated.Entry!.Revision);
        Assert.Equal(1, updated.Entry.CreateRevision);

        var deleted = await s.DeleteAsync("/a/1", expectedRevision: 2);
        Assert.Equal(StoreStatus.Ok, deleted.Status);
        Assert.Equal("v2", Text(deleted.Entry!.Value));
        Assert.Equal(3, deleted.Entry.Revision);
        Assert.Null(await s.GetAsync("/a/1"));

        // Re-created keys start a new life with a new create revision.
        var again = await s.CreateAsync("/a/1", Bytes("v3"));
        Assert.Equal(4, again.Entry!.CreateRevision);
    }

    [Fact]
    public async Task ConflictsAreReturnedWithTheCurrentEntry()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        await s.CreateAsync("/k", Bytes("one"));
        await s.UpdateAsync("/k", Bytes("two"), 0);

        var exists = await s.CreateAsync("/k", Bytes("x"));
        Assert.Equal(StoreStatus.AlreadyExists, exists.Status);
        Assert.Equal("two", Text(exists.Entry!.Value));

        var conflict = await s.UpdateAsync("/k", Bytes("x"), expectedRevision: 1);
        Assert.Equal(StoreStatus.Conflict, conflict.Status);
        Assert.Equal(2, conflict.Entry!.Revision);
        Assert.Equal("two", Text(conflict.Entry.Value));

        var deleteConflict = await s.DeleteAsync("/k", expectedRevision: 1);
        Assert.Equal(StoreStatus.Conflict, deleteConflict.Status);

        Assert.Equal(StoreStatus.NotFound, (await s.UpdateAsync("/missing", Bytes("x"), 0)).Status);
        Assert.Equal(StoreStatus.NotFound, (await s.DeleteAsync("/missing", 0)).Status);
        // Failed writes use no revision.
        Assert.Equal(2, s.CurrentRevision);
    }

    [Fact]
    public async Task ListCountAndPrefixRangesAreOrdinal()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        foreach (var key in new[] { "/p/b", "/p/a", "/p/B", "/p0", "/p/", "/q/a", "/p/a/x" })
            await s.CreateAsync(key, Bytes(key));

        var list = await s.ListAsync("/p/");
        Assert.Equal(StoreStatus.Ok, list.Status);
        Assert.Equal(["/p/", "/p/B", "/p/a", "/p/a/x", "/p/b"], list.Items.Select(e => e.Key));
        Assert.False(list.More);
        Assert.Equal(s.CurrentRevision, list.Revision);
        Assert.Equal(5, await s.CountAsync("/p/"));
        Assert.Equal(7, await s.CountAsync(""));

        var page = await s.ListAsync("/p/", 0, limit: 2, startAfterKey: "/p/B");
        Assert.Equal(["/p/a", "/p/a/x"], page.Items.Select(e => e.Key));
        Assert.True(page.More);

        Assert.Equal(StoreStatus.FutureRevision, (await s.ListAsync("/p/", s.CurrentRevision + 1)).Status);
    }

    [Fact]
    public async Task EmptyValuesAndCallerBuffersAreSafe()
    {
        await using var t = await CreateAsync();
        var s = t.Store;
        Assert.True((await s.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty)).Succeeded);
        var buffer = Bytes("abc");
        await s.CreateAsync("/buf", buffer);
        buffer[0] = (byte)'X'; // the store copied the value
        Assert.Equal("abc", Text((await s.GetAsync("/buf"))!.Value));
        await s.DeleteAsync("/empty", 0);
        await t.ReopenAsync();
        Assert.Equal("abc", Text((await t.Store.GetAsync("/buf"))!.Value));
        using var watch = t.Store.Watch("/empty", 0);
        var events = await WatchTests.ReadAsync(watch, 2);
        Assert.Equal(0, events[1].Entry.Value.Length);
    }

    [Fact]
    public async Task DataAndRevisionsSurviveReopen()
    {
        await using var t = await CreateAsync();
        await t.Store.CreateAsync("/a", Bytes("1"));
        await t.Store.CreateAsync("/b", Bytes("2"));
        await t.Store.DeleteAsync("/b", 0);
        await t.ReopenAsync();

        Assert.Equal(3, t.Store.CurrentRevision);
        Assert.Equal("1", Text((await t.Store.GetAsync("/a"))!.Value));
        Assert.Null(await t.Store.GetAsync("/b"));
        Assert.Equal(4, (await t.Store.CreateAsync("/c", Bytes("3"))).Entry!.Revision);
    }

    [Fact]
    public async Task DisposeCheckpointsAndClosesTheDatabase()
    {
        await using var t = await CreateAsync();
        for (var i = 0; i < 50; i++)
            await t.Store.CreateAsync($"/k/{i}", new byte[1000]);
        await t.Store.DisposeAsync();
        // A clean close folds the WAL into the database and removes it.
        var wal = new FileInfo(t.DatabasePath + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0);
        await t.ReopenAsync();
        Assert.Equal(50, await t.Store.CountAsync("/k/"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await DisposedStore(t.DatabasePath).CreateAsync("/x", Bytes("x")));
    }

    private static SqliteRevisionStore DisposedStore(string path)
    {
        var store = SqliteRevisionStore.OpenAsync(Options(path + ".other"), CancellationToken.None).GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return store;
    }
}
