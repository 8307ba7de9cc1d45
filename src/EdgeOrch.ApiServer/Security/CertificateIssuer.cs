using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// Makes the two certificates of the cluster PKI with nothing but .NET's own crypto (CertificateRequest), so the
/// NativeAOT binary needs no openssl CLI, no cfssl and no BouncyCastle. ECDSA P-256 throughout: Go's crypto/tls (kubectl,
/// client-go) and OpenSSL handle it natively, keys are small and signing is cheap on a Raspberry Pi.
/// </summary>
internal static class CertificateIssuer
{
    internal static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    internal static readonly TimeSpan ServingLifetime = TimeSpan.FromDays(365);

    // Back-dating tolerates a device whose clock is a little behind the one that issued the certificate
    // (a Pi without an RTC before NTP has synced).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    internal static (X509Certificate2 Certificate, ECDsa Key) CreateCa(DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            // The timestamp in the name (as k3s does) keeps a recreated CA distinguishable from the old one in logs
            // and in a client's "x509: certificate signed by unknown authority" message.
            var subject = new X500DistinguishedName($"CN=edgeorch-server-ca@{now.ToUnixTimeSeconds()}");
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
                certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature,
                critical: true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

            using X509Certificate2 withKey = request.CreateSelfSigned(now - ClockSkew, now + CaLifetime);
            // Keep only the public part; the key travels separately so callers can dispose it deterministically.
            return (X509CertificateLoader.LoadCertificate(withKey.RawData), key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    internal static (X509Certificate2 Certificate, ECDsa Key) IssueServing(
        X509Certificate2 caCertificate, ECDsa caKey, SubjectAltNames names, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest(
                new X500DistinguishedName("CN=edgeorch-apiserver"), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
            // ECDHE-ECDSA only needs signatures; keyEncipherment is an RSA key-transport notion.
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                new OidCollection { new Oid(ServerAuthOid) }, critical: false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
                caCertificate, true, false)); // key identifier only, not issuer+serial
            request.CertificateExtensions.Add(names.ToExtension());

            DateTimeOffset notAfter = now + ServingLifetime;
            if (notAfter > caCertificate.NotAfter)
            {
                // A leaf must not outlive its issuer; verifiers reject the chain once the CA has expired anyway.
                notAfter = caCertificate.NotAfter;
            }

            using X509Certificate2 issued = request.Create(
                caCertificate.SubjectName,
                X509SignatureGenerator.CreateForECDsa(caKey),
                now - ClockSkew,
                notAfter,
                NewSerialNumber());
            return (X509CertificateLoader.LoadCertificate(issued.RawData), key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// 16 random bytes with the top bit cleared: RFC 5280 wants a positive serial of at most 20 octets, and Go rejects
    /// negative serials.
    /// </summary>
    private static byte[] NewSerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
