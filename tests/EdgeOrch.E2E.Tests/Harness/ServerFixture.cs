using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>
/// A running edgeorch server on a fresh temp data dir and a free loopback port, plus the clients tests use:
/// kubectl (the real binary, with this server's kubeconfig and its own discovery cache) and KubernetesClient.
/// Shared by all tests of a class through IClassFixture; tests isolate themselves with unique namespaces.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The kubectl under test: $KUBECTL, else /usr/bin/kubectl (v1.32.4 on this project's machines).</summary>
    public static string KubectlPath { get; } = Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } k ? k : "/usr/bin/kubectl";

    private EdgeOrchServer? _server;
    private Kubernetes? _client;
    private KubernetesClientConfiguration? _config;

    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "edgeorch-e2e-" + Guid.NewGuid().ToString("N")[..10]);
    public string DataDir => Path.Combine(WorkDir, "data");
    public string KubeconfigPath => Path.Combine(WorkDir, "kubeconfig.yaml");
    private string KubectlCacheDir => Path.Combine(WorkDir, "kubectl-cache");

    public EdgeOrchServer Server => _server ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>A KubernetesClient built from the kubeconfig the server wrote (rebuilt after each restart).</summary>
    public Kubernetes Kubernetes => _client ?? throw new InvalidOperationException("The fixture was not initialised.");

    public KubernetesClientConfiguration ClientConfiguration =>
        _config ?? throw new InvalidOperationException("The fixture was not initialised.");

    public async Task InitializeAsync()
    {
        var binary = BinaryLocator.Locate();
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(KubectlCacheDir);
        // A port picked as free can be taken by another process before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            _server = new EdgeOrchServer(binary, DataDir, KubeconfigPath, FreePort.Pick());
            try
            {
                await StartAgainAsync();
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                _server.Dispose();
            }
        }
    }

    /// <summary>Starts the (stopped) server on the same data dir and port and rebuilds the clients.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await Server.StartAsync(cancellationToken);
        _client?.Dispose();
        _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        _client = new Kubernetes(_config);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        _server?.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir is not worth failing a run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }

    /// <summary>Runs kubectl against this server. Never throws on a non-zero exit; tests assert on the result.</summary>
    public Task<ProcessResult> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    /// <summary>Runs kubectl with the given text on its standard input (for `-f -`).</summary>
    public Task<ProcessResult> KubectlWithInputAsync(string? stdin, params string[] args) =>
        KubectlWithEnvironmentAsync(stdin, new Dictionary<string, string>(), args);

    /// <summary>Runs kubectl but gives up (TimeoutException with its output so far) after <paramref name="timeout"/>.</summary>
    public Task<ProcessResult> KubectlWithTimeoutAsync(TimeSpan timeout, params string[] args) =>
        ProcessRunner.RunAsync(KubectlPath, KubectlArgs(args), null, timeout, KubectlEnvironment);

    /// <summary>Runs kubectl with extra environment variables (e.g. KUBE_EDITOR for `kubectl edit`).</summary>
    public Task<ProcessResult> KubectlWithEnvironmentAsync(
        string? stdin, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var env = new Dictionary<string, string>(KubectlEnvironment);
        foreach (var (k, v) in environment)
        {
            env[k] = v;
        }
        return ProcessRunner.RunAsync(KubectlPath, KubectlArgs(args), stdin, TimeSpan.FromSeconds(60), env);
    }

    /// <summary>Starts a long-running kubectl (e.g. `get -w`) whose output lines can be awaited.</summary>
    public LineStream StartKubectlStream(params string[] args) => new(KubectlPath, KubectlArgs(args), KubectlEnvironment);

    private List<string> KubectlArgs(string[] args)
    {
        if (!File.Exists(KubectlPath))
        {
            throw new InvalidOperationException(
                $"kubectl not found at {KubectlPath}: these tests drive the real kubectl (v1.32). Install it there or set KUBECTL.");
        }
        var all = new List<string> { "--kubeconfig", KubeconfigPath, "--cache-dir", KubectlCacheDir };
        all.AddRange(args);
        return all;
    }

    private Dictionary<string, string> KubectlEnvironment =>
        new() { ["HOME"] = WorkDir, ["KUBECONFIG"] = KubeconfigPath };

    /// <summary>Synchronous form of <see cref="KubectlAsync"/> for callers outside async code.</summary>
    public (int ExitCode, string StdOut, string StdErr) Kubectl(params string[] args)
    {
        var r = KubectlAsync(args).GetAwaiter().GetResult();
        return (r.ExitCode, r.StdOut, r.StdErr);
    }

    /// <summary>Runs kubectl and fails the test with full context unless it exits 0; returns stdout.</summary>
    public async Task<string> KubectlOkAsync(params string[] args)
    {
        var r = await KubectlAsync(args);
        Assert.True(r.Succeeded, $"kubectl failed:\n{r}\n{Server.DescribeOutput(40)}");
        return r.StdOut;
    }

    /// <summary>Creates a namespace with a unique name (tests never share one) and returns the name.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "e2e", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await Kubernetes.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        return name;
    }

    /// <summary>
    /// Creates a ConfigMap through the client library (JSON). Tests use it for set-up so that a failure of
    /// `kubectl create configmap` (which sends protobuf) shows up only in the tests about that command.
    /// </summary>
    public Task<V1ConfigMap> CreateConfigMapAsync(
        string ns, string name, IDictionary<string, string>? data = null, IDictionary<string, string>? labels = null) =>
        Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = data }, ns);

    /// <summary>
    /// A plain HttpClient that trusts exactly this server's CA from the kubeconfig (like curl --cacert),
    /// with or without the bearer token.
    /// </summary>
    public HttpClient CreateHttpClient(bool withToken)
    {
        var caCerts = ClientConfiguration.SslCaCerts ?? throw new InvalidOperationException("The kubeconfig has no CA data.");
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(caCerts);
                return chain.Build(cert);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(Server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (withToken)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientConfiguration.AccessToken);
        }
        return http;
    }
}
