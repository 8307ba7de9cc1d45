using System.Text;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Serialization;

namespace EdgeOrch.Api.Client;

/// <summary>What a client needs from a kubeconfig: the server URL, the CA to trust, and a bearer token.</summary>
/// <param name="CertificateAuthorityPem">PEM text of the CA certificate(s); null to use the system's trust store.</param>
public sealed record KubeconfigCredentials(string Server, string? CertificateAuthorityPem, string? Token, bool InsecureSkipTlsVerify = false);

/// <summary>
/// Reads a kubeconfig (YAML) the way kubectl resolves it: the named or current context picks a cluster (server,
/// certificate-authority-data or certificate-authority file, insecure-skip-tls-verify) and a user (token or tokenFile).
/// Client certificates are not supported: EdgeOrch authenticates with bearer tokens.
/// </summary>
public static class KubeconfigFile
{
    public static KubeconfigCredentials Load(string path, string? contextName = null) =>
        Parse(File.ReadAllText(path), contextName, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <param name="baseDirectory">Where relative file references (certificate-authority, tokenFile) are resolved.</param>
    public static KubeconfigCredentials Parse(string yaml, string? contextName = null, string? baseDirectory = null)
    {
        JsonObject root;
        try
        {
            root = YamlJson.Parse(yaml) as JsonObject ?? throw Invalid("the file is not a YAML mapping");
        }
        catch (YamlJsonException e)
        {
            throw Invalid(e.Message);
        }

        var name = contextName ?? Text(root, "current-context") ?? throw Invalid("no current-context is set");
        var context = Named(root, "contexts", name, "context") ?? throw Invalid($"context \"{name}\" not found");
        var clusterName = Text(context, "cluster") ?? throw Invalid($"context \"{name}\" names no cluster");
        var cluster = Named(root, "clusters", clusterName, "cluster") ?? throw Invalid($"cluster \"{clusterName}\" not found");
        var user = Text(context, "user") is { } userName ? Named(root, "users", userName, "user") : null;

        var server = Text(cluster, "server") ?? throw Invalid($"cluster \"{clusterName}\" has no server");
        string? ca = null;
        if (Text(cluster, "certificate-authority-data") is { Length: > 0 } caData)
        {
            try
            {
                ca = Encoding.ASCII.GetString(Convert.FromBase64String(caData));
            }
            catch (FormatException)
            {
                throw Invalid("certificate-authority-data is not valid base64");
            }
        }
        else if (Text(cluster, "certificate-authority") is { Length: > 0 } caFile)
        {
            ca = File.ReadAllText(Resolve(caFile, baseDirectory));
        }

        var token = user is null ? null : Text(user, "token");
        if (token is null && user is not null && Text(user, "tokenFile") is { Length: > 0 } tokenFile)
            token = File.ReadAllText(Resolve(tokenFile, baseDirectory)).Trim();
        var insecure = cluster["insecure-skip-tls-verify"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return new KubeconfigCredentials(server.TrimEnd('/'), ca, token, insecure);
    }

    /// <summary>The inner object of the entry called <paramref name="name"/> in a list like clusters: [{name, cluster: {...}}].</summary>
    private static JsonObject? Named(JsonObject root, string list, string name, string inner)
    {
        if (root[list] is not JsonArray items)
            return null;
        foreach (var item in items)
            if (item is JsonObject entry && Text(entry, "name") == name)
                return entry[inner] as JsonObject ?? [];
        return null;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : obj[key]?.ToString();

    private static string Resolve(string path, string? baseDirectory) =>
        Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path);

    private static InvalidDataException Invalid(string message) => new("invalid kubeconfig: " + message);
}
