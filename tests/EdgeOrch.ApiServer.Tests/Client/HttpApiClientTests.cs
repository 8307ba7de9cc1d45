using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Security;
using EdgeOrch.ApiServer.Tests.Security;
using EdgeOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.ApiServer.Tests.Client;

/// <summary>HttpApiClient against the real API server (Kestrel, TLS with the cluster CA, token auth) on a free port.</summary>
public sealed class HttpApiClientTests : IAsyncLifetime
{
    private const string Token = "test-token";
    private readonly TempDirectory _dir = new();
    private SqliteRevisionStore _store = null!;
    private WebApplication _app = null!;
    private ClusterPki _pki = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _pki = ClusterPki.LoadOrCreate(_dir.Combine("tls"), [], [IPAddress.Loopback]);
        _store = await SqliteRevisionStore.OpenAsync(
            new SqliteStoreOptions { DatabasePath = _dir.Combine("store.db"), BackgroundCompaction = false, Durability = StoreDurability.ProcessCrash },
            CancellationToken.None);
        var port = FreePort();
        _app = ApiServerHost.Build(new ApiServerOptions(IPAddress.Loopback, port, _pki.ServingCertificate, new TokenAuthenticator(Token).IsValid), _store,
            logging => logging.ClearProviders(), registry => new ApiDocuments(registry));
        await _app.StartAsync();
        _url = $"https://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private HttpApiClient Client(string token = Token, string? caPem = null) =>
        new(KubeconfigFile.Parse(Kubeconfig.Render("default", _url, caPem ?? _pki.CaPem, token)));

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static JsonObject ConfigMap(string name, string app) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = app } },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task RoundTripOverHttps()
    {
        using var client = Client();
        var cms = new Api.Resources.ResourceRegistry().Find("", "v1", "configmaps")!;
        var created = await client.CreateAsync(cms, ConfigMap("a", "web"));
        Assert.NotNull((string?)created["metadata"]!["uid"]);
        await client.CreateAsync(cms, ConfigMap("b", "db"));
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() => client.CreateAsync(cms, ConfigMap("a", "web")))).IsAlreadyExists);

        var list = await client.ListAsync(cms, "default", labelSelector: "app=web");
        var item = Assert.Single(list.Items);
        Assert.Equal("ConfigMap", (string?)item["kind"]);
        Assert.False(string.IsNullOrEmpty(list.ResourceVersion));

        var got = await client.GetAsync(cms, "default", "a");
        got!["data"]!["k"] = "v2";
        var updated = await client.UpdateAsync(cms, got);
        Assert.Equal("v2", (string?)updated["data"]!["k"]);
        Assert.True((await Assert.ThrowsAsync<ApiClientException>(() => client.UpdateAsync(cms, got))).IsConflict);

        var patched = await client.PatchAsync(cms, "default", "a", PatchType.StrategicMerge, new JsonObject { ["data"] = new JsonObject { ["x"] = "y" } });
        Assert.Equal("y", (string?)patched["data"]!["x"]);

        Assert.True(await client.DeleteAsync(cms, "default", "a", propagationPolicy: "Background"));
        Assert.False(await client.DeleteAsync(cms, "default", "a"));
        Assert.Null(await client.GetAsync(cms, "default", "a"));
    }

    [Fact]
    public async Task WatchStreamsEvents()
    {
        using var client = Client();
        var cms = new Api.Resources.ResourceRegistry().Find("", "v1", "configmaps")!;
        var rv = (await client.ListAsync(cms, "default")).ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync(cms, "default", rv, cts.Token))
            {
                if (e.Type == "BOOKMARK")
                    continue;
                seen.Add($"{e.Type} {e.Object["metadata"]!["name"]}");
                if (seen.Count == 2)
                    break;
            }
        });
        await Task.Delay(200);
        await client.CreateAsync(cms, ConfigMap("w", "x"));
        await client.DeleteAsync(cms, "default", "w");
        await watching.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["ADDED w", "DELETED w"], seen);
    }

    [Fact]
    public async Task AWrongTokenIsUnauthorized()
    {
        using var client = Client(token: "nope");
        var ex = await Assert.ThrowsAsync<ApiClientException>(() => client.ListAsync(new Api.Resources.ResourceRegistry().Find("", "v1", "namespaces")!));
        Assert.Equal(401, ex.Code);
    }

    [Fact]
    public async Task AnotherCaIsNotTrusted()
    {
        var stranger = ClusterPki.LoadOrCreate(_dir.Combine("other"), [], []);
        using var client = Client(caPem: stranger.CaPem);
        var ex = await Assert.ThrowsAsync<ApiClientException>(() => client.ListAsync(new Api.Resources.ResourceRegistry().Find("", "v1", "namespaces")!));
        Assert.Equal(503, ex.Code);
    }
}
