using System.Net;
using EdgeOrch.ApiServer;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Security;
using EdgeOrch.Hosting;
using EdgeOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace EdgeOrch.Cli;

/// <summary>`edgeorch server`: the API server on its embedded store (and, in later milestones, the node agent).</summary>
public static class ServerCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("data-dir", true, "Folder for the database, certificates, token and logs", "/var/lib/edgeorch as root, else ~/.local/share/edgeorch", "DIR"),
        new("https-listen-port", true, "HTTPS port of the API", "6443", "PORT"),
        new("bind-address", true, "Address the API listens on", "127.0.0.1", "ADDR"),
        new("disable-agent", false, "Run the control plane only, without the node agent"),
        new("write-kubeconfig", true, "Also write the admin kubeconfig to this path", null, "PATH"),
        new("tls-san", true, "Extra host name or IP for the serving certificate (comma-separated)", null, "NAMES"),
        new("log-level", true, "trace, debug, info, warn or error", "info", "LEVEL"),
    ];

    public const string Usage = "edgeorch server [flags]";
    public const string Summary = "Runs the Kubernetes-compatible API server on an embedded SQLite store and writes a kubeconfig for kubectl.";

    public static async Task<int> RunAsync(ParsedOptions options)
    {
        var dataDir = DataDirectory.FromOption(options.Get("data-dir"));
        var port = options.GetPort("https-listen-port", 6443);
        var bindText = options.Get("bind-address") ?? "127.0.0.1";
        if (!IPAddress.TryParse(bindText, out var bind))
            throw new CliException($"--bind-address must be an IP address, got \"{bindText}\"");
        var level = Hosting.Logging.ParseLevel(options.Get("log-level"));
        dataDir.Create();

        await using var log = Hosting.Logging.Create(dataDir.LogDirectory, level);
        var startup = log.ForContext("SourceContext", "edgeorch");
        if (!options.Flag("disable-agent"))
            startup.Warning("The node agent is not part of this build yet: running the control plane only (as with --disable-agent)");

        var (dnsNames, ips) = SubjectNames(bind, options.Get("tls-san"));
        var pki = ClusterPki.LoadOrCreate(dataDir.TlsDirectory, dnsNames, ips);
        var token = AdminToken.LoadOrCreate(dataDir.Root);
        var authenticator = new TokenAuthenticator(token);

        await using var store = await SqliteRevisionStore.OpenAsync(new SqliteStoreOptions { DatabasePath = dataDir.DatabasePath }, CancellationToken.None);
        var app = ApiServerHost.Build(
            new ApiServerOptions(bind, port, pki.ServingCertificate, authenticator.IsValid),
            store,
            logging =>
            {
                logging.ClearProviders();
                logging.AddSerilog(log);
            },
            registry => new ApiDocuments(registry));

        var host = bind.Equals(IPAddress.Any) ? "127.0.0.1" : bind.Equals(IPAddress.IPv6Any) ? "[::1]" : bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind.ToString();
        var url = $"https://{host}:{port}";
        var kubeconfig = Kubeconfig.Render("default", url, pki.CaPem, token);
        Kubeconfig.Write(dataDir.KubeconfigPath, kubeconfig);
        if (options.Get("write-kubeconfig") is { Length: > 0 } extra)
            Kubeconfig.Write(Path.GetFullPath(extra), kubeconfig);

        using var controllers = ControlPlane.Create(app);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            startup.Error("Cannot listen on {Url}: {Reason}", url, e.Message);
            return 1;
        }
        // The controllers wait for the API's readiness themselves; stopping them comes before the API and store go.
        await controllers.StartAsync(CancellationToken.None);
        var kubeconfigShown = options.Get("write-kubeconfig") is { Length: > 0 } p ? Path.GetFullPath(p) : dataDir.KubeconfigPath;
        startup.Information("EdgeOrch {Version} API server listening on {Url} (data in {DataDir})", ServerVersion.EdgeOrchVersion, url, dataDir.Root);
        startup.Information("Point kubectl at it: export KUBECONFIG={Kubeconfig} && kubectl get namespaces", kubeconfigShown);
        await app.WaitForShutdownAsync();
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await controllers.StopAsync(stopTimeout.Token);
        await app.DisposeAsync();
        startup.Information("EdgeOrch stopped");
        return 0;
    }

    private static (List<string> Dns, List<IPAddress> Ips) SubjectNames(IPAddress bind, string? extra)
    {
        var dns = new List<string> { "localhost" };
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
            ips.Add(bind);
        foreach (var name in (extra ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(name, out var ip))
                ips.Add(ip);
            else
                dns.Add(name);
        }
        return (dns, ips);
    }
}
