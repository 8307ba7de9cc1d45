using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Tests.Rest;

/// <summary>The REST operations (create, update, delete) over a real SQLite store in a temporary directory.</summary>
internal sealed class RestFixture : IAsyncDisposable
{
    private readonly string _directory;

    private RestFixture(string directory, SqliteRevisionStore store)
    {
        _directory = directory;
        Store = store;
        Registry = new ResourceRegistry();
        Storage = new ObjectStorage(store);
        Context = new RestContext(Storage, Registry, TimeProvider.System, new AdmissionChain([]));
        Creator = new ObjectCreator(Context);
        Deleter = new ObjectDeleter(Context);
        Updater = new ObjectUpdater(Context, Creator, Deleter);
    }

    public SqliteRevisionStore Store { get; }
    public ResourceRegistry Registry { get; }
    public ObjectStorage Storage { get; }
    public RestContext Context { get; }
    public ObjectCreator Creator { get; }
    public ObjectDeleter Deleter { get; }
    public ObjectUpdater Updater { get; }

    public static async Task<RestFixture> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "edgeorch-rest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var store = await SqliteRevisionStore.OpenAsync(
            new SqliteStoreOptions { DatabasePath = Path.Combine(directory, "store.db"), BackgroundCompaction = false }, CancellationToken.None);
        var fixture = new RestFixture(directory, store);
        await fixture.Creator.CreateAsync(fixture.Type("", "v1", "namespaces"), null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = "default" },
        }, WriteOptions.Internal, CancellationToken.None);
        return fixture;
    }

    public ResourceType Type(string group, string version, string plural) => Registry.Find(group, version, plural)!;

    public Task<JsonObject> CreateConfigMapAsync(string name, params string[] finalizers)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "default" };
        if (finalizers.Length > 0)
            meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
        return Creator.CreateAsync(Type("", "v1", "configmaps"), "default",
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta }, WriteOptions.Internal, CancellationToken.None);
    }

    public ValueTask<JsonObject?> GetConfigMapAsync(string name) =>
        Storage.GetAsync(Type("", "v1", "configmaps"), "default", name, CancellationToken.None);

    public Task<JsonObject> DeleteConfigMapAsync(string name, DeleteOptions options) =>
        Deleter.DeleteAsync(Type("", "v1", "configmaps"), "default", name, options, CancellationToken.None);

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
