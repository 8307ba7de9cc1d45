using System.Security.Cryptography;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// The cluster-admin bearer token the server writes into its kubeconfig. Generated once (256 random bits, hex) and
/// kept at &lt;dataDir&gt;/server/token with mode 0600, so restarts keep existing kubeconfigs working.
/// </summary>
public static class AdminToken
{
    public const string RelativePath = "server/token";

    private const int TokenBytes = 32;

    public static string PathIn(string dataDir) => Path.Combine(dataDir, "server", "token");

    public static string LoadOrCreate(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        string path = PathIn(dataDir);
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        SecureFile.EnsureDirectory(Path.GetDirectoryName(path)!, enforce: false);
        // Hex is safe everywhere the token travels: HTTP headers, YAML, shell command lines, join commands.
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
        SecureFile.WriteAllTextAtomic(path, token + "\n", SecureFile.OwnerReadWrite);
        return token;
    }
}
