using System.Text;
using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Security;

public sealed class KubeconfigTests : IDisposable
{
    private const string Token = "feedc0de";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string CaPem(TempDirectory dir) => ClusterPki.LoadOrCreate(dir.Combine("tls"), [], []).CaPem;

    private static async Task<string> JsonPathAsync(string kubeconfig, string jsonPath)
    {
        var (exit, stdout, stderr) = await Kubectl.RunAsync(
            ["config", "view", "--raw", "--kubeconfig", kubeconfig, "-o", $"jsonpath={jsonPath}"], CancellationToken.None);
        Assert.True(exit == 0, $"kubectl config view failed ({exit}): {stderr}");
        return stdout;
    }

    [Fact]
    public async Task KubectlReadsServerCaTokenAndContext()
    {
        string caPem = CaPem(_dir);
        string path = _dir.Combine("home", ".kube", "config");
        Kubeconfig.Write(path, Kubeconfig.Render("default", "https://127.0.0.1:6443", caPem, Token));

        Assert.Equal("https://127.0.0.1:6443", await JsonPathAsync(path, "{.clusters[0].cluster.server}"));
        Assert.Equal(Token, await JsonPathAsync(path, "{.users[0].user.token}"));
        Assert.Equal("default", await JsonPathAsync(path, "{.current-context}"));
        Assert.Equal("default", await JsonPathAsync(path, "{.contexts[0].context.user}"));
        string caData = await JsonPathAsync(path, "{.clusters[0].cluster.certificate-authority-data}");
        Assert.Equal(caPem, Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
    }

    [Fact]
    public async Task ClusterNameIsUsedByTheContext()
    {
        string path = _dir.Combine("kubeconfig");
        Kubeconfig.Write(path, Kubeconfig.Render("edgeorch", "https://[::1]:6443", CaPem(_dir), Token));

        Assert.Equal("edgeorch", await JsonPathAsync(path, "{.clusters[0].name}"));
        Assert.Equal("edgeorch", await JsonPathAsync(path, "{.contexts[0].context.cluster}"));
        Assert.Equal("https://[::1]:6443", await JsonPathAsync(path, "{.clusters[0].cluster.server}"));
    }

    [Fact]
    public void ValuesThatNeedQuotingStayIntact()
    {
        string yaml = Kubeconfig.Render("a\"b", "https://h:1/x?y=#z", "-----BEGIN CERTIFICATE-----\n", "t\\k");

        Assert.Contains("server: \"https://h:1/x?y=#z\"", yaml, StringComparison.Ordinal);
        Assert.Contains("name: \"a\\\"b\"", yaml, StringComparison.Ordinal);
        Assert.Contains("token: \"t\\\\k\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WriteCreatesTheDirectoryAndAnOwnerOnlyFile()
    {
        string path = _dir.Combine("etc", "edgeorch", "edgeorch.yaml");

        Kubeconfig.Write(path, "first\n");

        Assert.Equal("first\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WriteReplacesAnExistingFileAndTightensItsMode()
    {
        string path = _dir.Combine("kubeconfig");
        File.WriteAllText(path, "old content that is longer than the new one\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        Kubeconfig.Write(path, "new\n");

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["kubeconfig"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }
}
