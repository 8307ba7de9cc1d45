using System.Text;

namespace EdgeOrch.Store.Tests;

/// <summary>A store in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, SqliteRevisionStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }
    public string DatabasePath => Path.Combine(Directory, "store.db");
    public SqliteRevisionStore Store { get; private set; }

    public static async Task<TempStore> CreateAsync(Func<string, SqliteStoreOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "edgeorch-store-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "store.db");
        var options = configure?.Invoke(path) ?? Options(path);
        return new TempStore(directory, await SqliteRevisionStore.OpenAsync(options, CancellationToken.None));
    }

    /// <summary>Test defaults: no background compaction, so tests decide when history goes.</summary>
    public static SqliteStoreOptions Options(string path) => new() { DatabasePath = path, BackgroundCompaction = false };

    public async Task ReopenAsync(SqliteStoreOptions? options = null)
    {
        await Store.DisposeAsync();
        Store = await SqliteRevisionStore.OpenAsync(options ?? Options(DatabasePath), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static string Text(ReadOnlyMemory<byte> b) => Encoding.UTF8.GetString(b.Span);
}
