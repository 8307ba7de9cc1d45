using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// The cluster's certificate authority and the API server's serving certificate, kept as PEM files in one 0700
/// directory: ca.crt, ca.key, serving.crt, serving.key (keys 0600). The CA is made once and kept (every kubeconfig
/// trusts it); the serving certificate is reissued whenever the names it must carry change or it nears expiry.
/// See docs/adr/0001-cluster-pki.md.
/// </summary>
public sealed class ClusterPki
{
    public const string CaCertFileName = "ca.crt";
    public const string CaKeyFileName = "ca.key";
    public const string ServingCertFileName = "serving.crt";
    public const string ServingKeyFileName = "serving.key";

    /// <summary>A serving certificate that expires within this window is replaced at start.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private ClusterPki(X509Certificate2 caCertificate, X509Certificate2 servingCertificate, bool createdCa, bool issuedServing)
    {
        CaCertificate = caCertificate;
        ServingCertificate = servingCertificate;
        CaPem = caCertificate.ExportCertificatePem() + "\n";
        CreatedCa = createdCa;
        IssuedServingCertificate = issuedServing;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The CA certificate as PEM, for kubeconfig's certificate-authority-data and for agents.</summary>
    public string CaPem { get; }

    /// <summary>The serving certificate with its private key, ready for Kestrel or SslStream.</summary>
    public X509Certificate2 ServingCertificate { get; }

    /// <summary>True when this call made a new CA (first start); existing kubeconfigs no longer trust the server.</summary>
    public bool CreatedCa { get; }

    /// <summary>True when this call issued a new serving certificate (first start, name change or renewal).</summary>
    public bool IssuedServingCertificate { get; }

    /// <summary>Loads the PKI from <paramref name="tlsDir"/>, creating or renewing what is missing or stale.</summary>
    /// <param name="dnsNames">Extra DNS names beyond localhost, the host name and the kubernetes.default.svc family.</param>
    /// <param name="ipAddresses">Extra addresses beyond 127.0.0.1 and ::1, typically the bind and node addresses.</param>
    public static ClusterPki LoadOrCreate(string tlsDir, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses) =>
        LoadOrCreate(tlsDir, dnsNames, ipAddresses, Dns.GetHostName(), TimeProvider.System);

    internal static ClusterPki LoadOrCreate(
        string tlsDir, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses, string hostName, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tlsDir);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);

        SecureFile.EnsureDirectory(tlsDir, enforce: true);
        DateTimeOffset now = time.GetUtcNow();
        SubjectAltNames wanted = SubjectAltNames.ForServer(hostName, dnsNames, ipAddresses);

        var files = new PkiFiles(tlsDir);
        bool createdCa = false;
        X509Certificate2 caCert;
        ECDsa caKey;
        if (files.CaExists)
        {
            (caCert, caKey) = files.LoadCa();
            if (!KeyMatches(caCert, caKey))
            {
                caCert.Dispose();
                caKey.Dispose();
                throw new InvalidOperationException(
                    $"'{CaKeyFileName}' in '{tlsDir}' is not the key of '{CaCertFileName}'; restore the pair from a backup "
                    + "or delete the directory to create a new CA.");
            }
        }
        else
        {
            (caCert, caKey) = CertificateIssuer.CreateCa(now);
            files.SaveCa(caCert, caKey);
            createdCa = true;
        }

        using (caKey)
        {
            X509Certificate2? serving = createdCa ? null : TryLoadReusableServing(files, caCert, wanted, now);
            bool issued = serving is null;
            if (serving is null)
            {
                var (cert, key) = CertificateIssuer.IssueServing(caCert, caKey, wanted, now);
                using (cert)
                using (key)
                {
                    files.SaveServing(cert, key);
                    serving = ToTlsReady(cert, key);
                }
            }

            return new ClusterPki(caCert, serving, createdCa, issued);
        }
    }

    /// <summary>The existing serving certificate when it still fits; null when a new one must be issued.</summary>
    private static X509Certificate2? TryLoadReusableServing(PkiFiles files, X509Certificate2 caCert, SubjectAltNames wanted, DateTimeOffset now)
    {
        if (!files.ServingExists)
        {
            return null;
        }

        var (cert, key) = files.LoadServing();
        using (cert)
        using (key)
        {
            bool fits = SubjectAltNames.FromCertificate(cert).SetEquals(wanted)
                && cert.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore
                && cert.NotBefore.ToUniversalTime() <= now.UtcDateTime
                && IsIssuedBy(cert, caCert)
                && KeyMatches(cert, key);
            return fits ? ToTlsReady(cert, key) : null;
        }
    }

    private static bool IsIssuedBy(X509Certificate2 cert, X509Certificate2 ca)
    {
        if (!cert.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData))
        {
            return false;
        }

        // The name alone could match an older CA of the same name; the signature cannot.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(cert);
    }

    private static bool KeyMatches(X509Certificate2 cert, ECDsa key)
    {
        using ECDsa? publicKey = cert.GetECDsaPublicKey();
        return publicKey is not null
            && publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>
    /// A certificate joined to a key in memory carries an ephemeral key handle; a PKCS#12 round trip yields the
    /// ordinary persisted-style certificate that SslStream and Kestrel accept on every platform.
    /// </summary>
    private static X509Certificate2 ToTlsReady(X509Certificate2 cert, ECDsa key)
    {
        using X509Certificate2 withKey = cert.CopyWithPrivateKey(key);
        byte[] pfx = withKey.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }
}
