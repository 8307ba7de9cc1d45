using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.Bench;

/// <summary>
/// The three values the bench needs from the kubeconfig edgeorch writes (server URL, CA, bearer token).
/// A line scan is enough for the single-cluster file edgeorch writes; anything else is reported, not guessed.
/// </summary>
internal sealed record Kubeconfig(string Server, X509Certificate2 Ca, string Token)
{
    public static Kubeconfig Load(string path)
    {
        string? server = null, ca = null, token = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim().TrimStart('-').Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim().Trim('"', '\'');
            switch (key)
            {
                case "server": server ??= value; break;
                case "certificate-authority-data": ca ??= value; break;
                case "token": token ??= value; break;
            }
        }
        if (server is null || ca is null || token is null)
        {
            throw new InvalidOperationException(
                $"{path} lacks server, certificate-authority-data or token (found: server={server is not null}, ca={ca is not null}, token={token is not null}).");
        }
        var pem = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(ca));
        return new Kubeconfig(server, X509Certificate2.CreateFromPem(pem), token);
    }
}
