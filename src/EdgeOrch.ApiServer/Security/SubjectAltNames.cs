using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// The set of names the serving certificate must carry. Kept as a set so that "did the SAN list change?" is a set
/// comparison: order and duplicates in the caller's list must not force a new certificate on every start.
/// </summary>
internal sealed class SubjectAltNames
{
    // The names in-cluster clients use for the API server's Service, as a Kubernetes API server's certificate has them.
    private static readonly string[] WellKnownDnsNames =
    [
        "localhost",
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
    ];

    private SubjectAltNames(SortedSet<string> dnsNames, SortedSet<IPAddress> ipAddresses)
    {
        DnsNames = dnsNames;
        IpAddresses = ipAddresses;
    }

    internal IReadOnlySet<string> DnsNames { get; }

    internal IReadOnlySet<IPAddress> IpAddresses { get; }

    internal static SubjectAltNames ForServer(string hostName, IEnumerable<string> extraDnsNames, IEnumerable<IPAddress> extraIps)
    {
        var dns = NewDnsSet();
        foreach (string name in WellKnownDnsNames.Append(hostName).Concat(extraDnsNames))
        {
            string trimmed = name.Trim().TrimEnd('.');
            if (trimmed.Length > 0)
            {
                dns.Add(ToAscii(trimmed));
            }
        }

        var ips = NewIpSet();
        ips.Add(IPAddress.Loopback);
        ips.Add(IPAddress.IPv6Loopback);
        foreach (IPAddress ip in extraIps)
        {
            // A wildcard bind address is not an address a client can dial; the caller adds the concrete ones.
            if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
            {
                ips.Add(Normalize(ip));
            }
        }

        return new SubjectAltNames(dns, ips);
    }

    internal static SubjectAltNames FromCertificate(X509Certificate2 certificate)
    {
        var dns = NewDnsSet();
        var ips = NewIpSet();
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (string name in san.EnumerateDnsNames())
                {
                    dns.Add(name.ToLowerInvariant());
                }

                foreach (IPAddress ip in san.EnumerateIPAddresses())
                {
                    ips.Add(Normalize(ip));
                }
            }
        }

        return new SubjectAltNames(dns, ips);
    }

    internal bool SetEquals(SubjectAltNames other) =>
        DnsNames.SetEquals(other.DnsNames) && IpAddresses.SetEquals(other.IpAddresses);

    internal X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (string name in DnsNames)
        {
            builder.AddDnsName(name);
        }

        foreach (IPAddress ip in IpAddresses)
        {
            builder.AddIpAddress(ip);
        }

        return builder.Build(critical: false);
    }

    public override string ToString() => string.Join(", ", DnsNames.Concat(IpAddresses.Select(ip => ip.ToString())));

    // The certificate stores names in their ASCII (punycode) form; comparing in that form keeps an internationalised
    // host name from looking "changed" on every start.
    private static string ToAscii(string name)
    {
        try
        {
            // Lower-case first: with InvariantGlobalization IdnMapping does not fold non-ASCII case ("Ü" and "ü" differ).
            return new System.Globalization.IdnMapping().GetAscii(name.ToLowerInvariant());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{name}' cannot be a DNS name in a certificate: {e.Message}", nameof(name), e);
        }
    }

    // An IPv4 address written as ::ffff:a.b.c.d is the same host; store it in its 4-byte form so it compares equal.
    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    private static SortedSet<string> NewDnsSet() => new(StringComparer.Ordinal);

    private static SortedSet<IPAddress> NewIpSet() =>
        new(Comparer<IPAddress>.Create((a, b) => a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes())));
}
