using System.Text;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// Renders and writes the admin kubeconfig, shaped like the one k3s writes (cluster, user and context all called
/// "default" unless a cluster name is given) so tools and habits carry over.
/// </summary>
public static class Kubeconfig
{
    public const string UserName = "default";
    public const string ContextName = "default";

    public static string Render(string clusterName, string serverUrl, string caPem, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(serverUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(caPem);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);

        string caData = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\n");
        yaml.Append("kind: Config\n");
        yaml.Append("clusters:\n");
        yaml.Append("- cluster:\n");
        yaml.Append("    certificate-authority-data: ").Append(caData).Append('\n');
        yaml.Append("    server: ").Append(Quote(serverUrl)).Append('\n');
        yaml.Append("  name: ").Append(Quote(clusterName)).Append('\n');
        yaml.Append("contexts:\n");
        yaml.Append("- context:\n");
        yaml.Append("    cluster: ").Append(Quote(clusterName)).Append('\n');
        yaml.Append("    user: ").Append(UserName).Append('\n');
        yaml.Append("  name: ").Append(ContextName).Append('\n');
        yaml.Append("current-context: ").Append(ContextName).Append('\n');
        yaml.Append("preferences: {}\n");
        yaml.Append("users:\n");
        yaml.Append("- name: ").Append(UserName).Append('\n');
        yaml.Append("  user:\n");
        yaml.Append("    token: ").Append(Quote(token)).Append('\n');
        return yaml.ToString();
    }

    /// <summary>Writes the kubeconfig with mode 0600, creating its directory (0700) and replacing any old file atomically.</summary>
    public static void Write(string path, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(content);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            SecureFile.EnsureDirectory(directory, enforce: false);
        }

        SecureFile.WriteAllTextAtomic(path, content, SecureFile.OwnerReadWrite);
    }

    /// <summary>
    /// A YAML double-quoted scalar: always valid whatever the value holds (a ':' in a URL, a leading '@' or '*').
    /// </summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
