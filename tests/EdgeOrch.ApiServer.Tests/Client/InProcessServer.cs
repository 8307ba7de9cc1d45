using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Client;
using EdgeOrch.ApiServer.Lifecycle;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Tests.Client;

/// <summary>The REST operations over a real SQLite store in a temporary directory, with the system namespaces created.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly string _directory;

    private InProcessServer(string directory, SqliteRevisionStore store, InProcessApiClient client, ResourceRegistry registry)
    {
        _directory = directory;
        Store = store;
        Client = client;
        Registry = registry;
    }

    public SqliteRevisionStore Store { get; }

    public InProcessApiClient Client { get; }

    public ResourceRegistry Registry { get; }

    public ResourceType Type(string group, string version, string plural) => Registry.Find(group, version, plural)!;

    public static async Task<InProcessServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "edgeorch-client-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var store = await SqliteRevisionStore.OpenAsync(
            new SqliteStoreOptions { DatabasePath = Path.Combine(directory, "store.db"), BackgroundCompaction = false, Durability = StoreDurability.ProcessCrash },
            CancellationToken.None);
        var registry = new ResourceRegistry();
        var storage = new ObjectStorage(store);
        var time = TimeProvider.System;
        var admission = new AdmissionChain([new ServiceAddressAllocator(storage, registry), new CustomResourceDefinitions(registry, storage, time)]);
        var context = new RestContext(storage, registry, time, admission);
        var creator = new ObjectCreator(context);
        var deleter = new ObjectDeleter(context);
        var updater = new ObjectUpdater(context, creator, deleter);
        await new SystemObjects(context, creator).EnsureAsync(CancellationToken.None);
        var client = new InProcessApiClient(context, creator, updater, deleter, new ObjectLister(context));
        return new InProcessServer(directory, store, client, registry);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
