using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Security;

public sealed class TlsHandshakeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("localhost")]
    [InlineData("kubernetes.default.svc")]
    public async Task HandshakeSucceedsValidatingAgainstTheClusterCa(string targetHost)
    {
        ClusterPki pki = ClusterPki.LoadOrCreate(_dir.Combine("tls"), [], [IPAddress.Loopback]);
        await using var server = new TlsStubServer(pki.ServingCertificate);

        (SslPolicyErrors errors, bool chainOk) = await HandshakeAsync(server.Port, targetHost, pki.CaCertificate);

        Assert.Equal(SslPolicyErrors.None, errors);
        Assert.True(chainOk);
    }

    [Fact]
    public async Task HandshakeWorksAfterReloadFromDisk()
    {
        string tlsDir = _dir.Combine("tls");
        ClusterPki.LoadOrCreate(tlsDir, [], []);
        ClusterPki reloaded = ClusterPki.LoadOrCreate(tlsDir, [], []);
        Assert.False(reloaded.IssuedServingCertificate);
        await using var server = new TlsStubServer(reloaded.ServingCertificate);

        (SslPolicyErrors errors, bool chainOk) = await HandshakeAsync(server.Port, "localhost", reloaded.CaCertificate);

        Assert.Equal(SslPolicyErrors.None, errors);
        Assert.True(chainOk);
    }

    [Fact]
    public async Task AnotherClustersCaDoesNotValidateTheServer()
    {
        ClusterPki pki = ClusterPki.LoadOrCreate(_dir.Combine("tls"), [], []);
        ClusterPki stranger = ClusterPki.LoadOrCreate(_dir.Combine("other"), [], []);
        await using var server = new TlsStubServer(pki.ServingCertificate);

        await Assert.ThrowsAsync<AuthenticationException>(
            () => HandshakeAsync(server.Port, "localhost", stranger.CaCertificate));
    }

    [Fact]
    public async Task KubectlTrustsTheKubeconfigCaAndSendsTheToken()
    {
        ClusterPki pki = ClusterPki.LoadOrCreate(_dir.Combine("tls"), [], []);
        await using var server = new TlsStubServer(pki.ServingCertificate);
        string token = AdminToken.LoadOrCreate(_dir.Path);
        string kubeconfig = _dir.Combine("kubeconfig.yaml");
        Kubeconfig.Write(kubeconfig, Kubeconfig.Render("default", $"https://127.0.0.1:{server.Port}", pki.CaPem, token));

        var (exit, stdout, stderr) = await Kubectl.RunAsync(
            ["--kubeconfig", kubeconfig, "get", "--raw", "/version"], CancellationToken.None);

        Assert.True(exit == 0, $"kubectl failed ({exit}): {stderr}");
        Assert.Contains("v1.32.4-stub", stdout, StringComparison.Ordinal);
        Assert.Contains($"Bearer {token}", server.AuthorizationHeaders);
        Assert.True(new TokenAuthenticator(token).IsValid(server.AuthorizationHeaders[0]));
    }

    /// <summary>Client side of a handshake that trusts exactly one CA, as a kubeconfig's certificate-authority-data does.</summary>
    private static async Task<(SslPolicyErrors Errors, bool ChainOk)> HandshakeAsync(int port, string targetHost, X509Certificate2 ca)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(client.GetStream());
        SslPolicyErrors seen = SslPolicyErrors.None;
        bool chainOk = false;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
                chainOk = chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                // The system store does not know our CA, so the platform reports a chain error; the name check stands.
                seen = errors & ~SslPolicyErrors.RemoteCertificateChainErrors;
                return chainOk && seen == SslPolicyErrors.None;
            },
        });
        return (seen, chainOk);
    }
}
