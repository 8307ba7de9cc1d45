using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Security;

public sealed class ClusterPkiTests : IDisposable
{
    private static readonly IPAddress BindAddress = IPAddress.Parse("192.168.7.20");

    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private string TlsDir => _dir.Combine("server", "tls");

    public void Dispose() => _dir.Dispose();

    private ClusterPki Load(string[]? dns = null, IPAddress[]? ips = null) =>
        ClusterPki.LoadOrCreate(TlsDir, dns ?? [], ips ?? [BindAddress], "edge-node-1", _clock);

    [Fact]
    public void FirstStartCreatesCaAndServingCertificateFiles()
    {
        ClusterPki pki = Load();

        Assert.True(pki.CreatedCa);
        Assert.True(pki.IssuedServingCertificate);
        foreach (string name in new[] { "ca.crt", "ca.key", "serving.crt", "serving.key" })
        {
            Assert.True(File.Exists(Path.Combine(TlsDir, name)), name);
        }

        Assert.True(pki.ServingCertificate.HasPrivateKey);
        Assert.False(pki.CaCertificate.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pki.CaPem, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(TlsDir, "ca.crt")), pki.CaPem);
    }

    [Fact]
    public void CaIsAnEcdsaP256CertificateAuthorityForTenYears()
    {
        X509Certificate2 ca = Load().CaCertificate;

        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        using var key = ca.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.InRange((ca.NotAfter - ca.NotBefore).TotalDays, 3649, 3652);
        Assert.Equal(ca.SubjectName.Name, ca.IssuerName.Name);
    }

    [Fact]
    public void ServingCertificateCarriesTheKubernetesNamesAndServerAuth()
    {
        X509Certificate2 serving = Load(dns: ["edge.example.org"], ips: [BindAddress, IPAddress.Any]).ServingCertificate;

        var san = Assert.Single(serving.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        string[] dns = san.EnumerateDnsNames().ToArray();
        Assert.Equal(
            new[]
            {
                "edge-node-1", "edge.example.org", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local", "localhost",
            }.Order(),
            dns.Order());
        string[] ips = san.EnumerateIPAddresses().Select(ip => ip.ToString()).ToArray();
        // 0.0.0.0 is a bind wildcard, never a name a client dials: it must not land in the certificate.
        Assert.Equal(new[] { "127.0.0.1", "::1", "192.168.7.20" }.Order(), ips.Order());

        var eku = Assert.Single(serving.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        var constraints = Assert.Single(serving.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(constraints.CertificateAuthority);
        Assert.InRange((serving.NotAfter - serving.NotBefore).TotalDays, 365, 366);
    }

    [Fact]
    public void ReloadKeepsTheSameCaAndServingCertificate()
    {
        ClusterPki first = Load();
        ClusterPki second = Load();

        Assert.False(second.CreatedCa);
        Assert.False(second.IssuedServingCertificate);
        Assert.Equal(first.CaCertificate.Thumbprint, second.CaCertificate.Thumbprint);
        Assert.Equal(first.CaPem, second.CaPem);
        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.True(second.ServingCertificate.HasPrivateKey);
    }

    [Fact]
    public void SameNamesInAnotherOrderDoNotReissue()
    {
        Load(dns: ["a.example", "b.example"], ips: [BindAddress, IPAddress.Parse("10.0.0.1")]);

        ClusterPki again = Load(dns: ["B.example", "a.example", "a.example"], ips: [IPAddress.Parse("10.0.0.1"), BindAddress]);

        Assert.False(again.IssuedServingCertificate);
    }

    [Fact]
    public void InternationalHostNamesAreStoredAsPunycodeAndDoNotCauseChurn()
    {
        ClusterPki first = ClusterPki.LoadOrCreate(TlsDir, ["bücher.example"], [], "edge-node-1", _clock);
        ClusterPki second = ClusterPki.LoadOrCreate(TlsDir, ["BÜCHER.example."], [], "edge-node-1", _clock);

        var san = first.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("xn--bcher-kva.example", san.EnumerateDnsNames());
        Assert.False(second.IssuedServingCertificate);
    }

    [Fact]
    public void SanChangeReissuesServingCertificateButKeepsTheCa()
    {
        ClusterPki first = Load();

        ClusterPki changed = Load(ips: [IPAddress.Parse("192.168.7.21")]);

        Assert.False(changed.CreatedCa);
        Assert.True(changed.IssuedServingCertificate);
        Assert.Equal(first.CaCertificate.Thumbprint, changed.CaCertificate.Thumbprint);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, changed.ServingCertificate.Thumbprint);
        var san = changed.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Parse("192.168.7.21"), san.EnumerateIPAddresses());
        Assert.DoesNotContain(BindAddress, san.EnumerateIPAddresses());
        // The new certificate was persisted: the next start reuses it.
        Assert.False(Load(ips: [IPAddress.Parse("192.168.7.21")]).IssuedServingCertificate);
    }

    [Fact]
    public void ServingCertificateIsRenewedWithinThirtyDaysOfExpiry()
    {
        ClusterPki first = Load();

        _clock.Now = _clock.Now.AddDays(300);
        Assert.False(Load().IssuedServingCertificate);

        _clock.Now = _clock.Now.AddDays(40); // 340 days in: 25 days left
        ClusterPki renewed = Load();

        Assert.True(renewed.IssuedServingCertificate);
        Assert.False(renewed.CreatedCa);
        Assert.Equal(first.CaCertificate.Thumbprint, renewed.CaCertificate.Thumbprint);
        Assert.True(renewed.ServingCertificate.NotAfter > first.ServingCertificate.NotAfter.AddDays(300));
    }

    [Fact]
    public void ServingKeyThatDoesNotMatchItsCertificateIsReplaced()
    {
        Load();
        string otherDir = _dir.Combine("other");
        ClusterPki.LoadOrCreate(otherDir, [], [], "x", _clock);
        File.Copy(Path.Combine(otherDir, "serving.key"), Path.Combine(TlsDir, "serving.key"), overwrite: true);

        ClusterPki repaired = Load();

        Assert.True(repaired.IssuedServingCertificate);
        Assert.False(repaired.CreatedCa);
    }

    [Fact]
    public void ServingCertificateFromAnotherCaIsReplaced()
    {
        Load();
        string otherDir = _dir.Combine("other");
        ClusterPki.LoadOrCreate(otherDir, [], [BindAddress], "edge-node-1", _clock);
        foreach (string name in new[] { "serving.crt", "serving.key" })
        {
            File.Copy(Path.Combine(otherDir, name), Path.Combine(TlsDir, name), overwrite: true);
        }

        Assert.True(Load().IssuedServingCertificate);
    }

    [Fact]
    public void HalfACaIsAnErrorNotASilentNewCa()
    {
        Load();
        File.Delete(Path.Combine(TlsDir, "ca.key"));

        var error = Assert.Throws<InvalidOperationException>(() => Load());
        Assert.Contains("ca.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void KeysAre0600CertificatesAre0644AndTheDirectoryIs0700()
    {
        Directory.CreateDirectory(TlsDir);
        File.SetUnixFileMode(TlsDir, (UnixFileMode)0b111_101_101); // 0755: must be tightened

        Load();

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(TlsDir));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(TlsDir, "ca.key")));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(TlsDir, "serving.key")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(TlsDir, "ca.crt")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(TlsDir, "serving.crt")));
        Assert.Empty(Directory.GetFiles(TlsDir, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(TlsDir, ".*")));
    }

    [Fact]
    public void PublicEntryPointUsesTheMachineHostName()
    {
        ClusterPki pki = ClusterPki.LoadOrCreate(TlsDir, [], []);

        var san = pki.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(Dns.GetHostName().ToLowerInvariant(), san.EnumerateDnsNames());
    }
}
