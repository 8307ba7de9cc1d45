using EdgeOrch.Store;

// Usage: EdgeOrch.Store.CrashWriter <database path> [writers]
// Creates keys /crash/<writer>/<n> with 300-byte values from concurrent writers, forever, and prints each key on its
// own line only after the store acknowledged it: every printed key must survive a kill.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: EdgeOrch.Store.CrashWriter <database path> [writers]");
    return 2;
}
var writers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
var store = await SqliteRevisionStore.OpenAsync(new SqliteStoreOptions { DatabasePath = args[0], KeepRevisions = 500 }, CancellationToken.None);
var output = Console.Out;
var value = new byte[300];
Random.Shared.NextBytes(value);
var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var key = $"/crash/{w}/{n}";
        var result = await store.CreateAsync(key, value);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{key}: {result.Status}");
        output.WriteLine(key);
    }
})).ToArray();
await Task.WhenAll(tasks);
return 0;
