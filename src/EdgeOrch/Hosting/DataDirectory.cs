namespace EdgeOrch.Hosting;

/// <summary>
/// Where EdgeOrch keeps its state: /var/lib/edgeorch for root (like k3s's /var/lib/rancher/k3s), else ~/.local/share/edgeorch.
/// The layout below it is fixed so every verb finds the same files.
/// </summary>
public sealed class DataDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string DatabasePath => Path.Combine(Root, "server", "db", "state.db");

    public string TlsDirectory => Path.Combine(Root, "server", "tls");

    public string LogDirectory => Path.Combine(Root, "logs");

    public string KubeconfigPath => Path.Combine(Root, "kubeconfig.yaml");

    public static string Default()
    {
        if (Environment.UserName == "root" || (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("EUID") == "0"))
            return "/var/lib/edgeorch";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "edgeorch");
    }

    public static DataDirectory FromOption(string? option) => new(string.IsNullOrEmpty(option) ? Default() : option);

    /// <summary>Creates the directory (0700: it holds keys and the token).</summary>
    public void Create()
    {
        Directory.CreateDirectory(Root);
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
    }
}
