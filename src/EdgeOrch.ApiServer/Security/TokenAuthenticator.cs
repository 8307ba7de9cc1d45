using System.Security.Cryptography;
using System.Text;

namespace EdgeOrch.ApiServer.Security;

/// <summary>Checks an HTTP Authorization header against the admin token ("Bearer &lt;token&gt;").</summary>
public sealed class TokenAuthenticator
{
    private const string Scheme = "Bearer";

    // Comparing digests instead of the raw strings keeps the comparison constant-time even when the lengths differ
    // (FixedTimeEquals returns early on a length mismatch, which would leak the token's length).
    private readonly byte[] _expectedDigest;

    public TokenAuthenticator(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));
    }

    public bool IsValid(string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return false;
        }

        ReadOnlySpan<char> header = authorizationHeader.AsSpan().Trim();
        // The auth-scheme is case-insensitive (RFC 9110 section 11.1) and is followed by at least one space.
        if (header.Length <= Scheme.Length
            || !header[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || header[Scheme.Length] != ' ')
        {
            return false;
        }

        ReadOnlySpan<char> presented = header[(Scheme.Length + 1)..].Trim();
        if (presented.IsEmpty)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        byte[] presentedBytes = Encoding.UTF8.GetBytes(presented.ToArray());
        SHA256.HashData(presentedBytes, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _expectedDigest);
    }
}
