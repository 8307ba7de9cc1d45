using EdgeOrch.Hosting;

namespace EdgeOrch.Cli;

/// <summary>`edgeorch kubeconfig`: prints the admin kubeconfig the server wrote, to pipe into a file or kubectl.</summary>
public static class KubeconfigCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("data-dir", true, "The server's data folder", "/var/lib/edgeorch as root, else ~/.local/share/edgeorch", "DIR"),
    ];

    public static int Run(ParsedOptions options)
    {
        var dataDir = DataDirectory.FromOption(options.Get("data-dir"));
        if (!File.Exists(dataDir.KubeconfigPath))
        {
            Console.Error.WriteLine($"edgeorch: no kubeconfig at {dataDir.KubeconfigPath}: start `edgeorch server --data-dir {dataDir.Root}` first");
            return 1;
        }
        Console.Write(File.ReadAllText(dataDir.KubeconfigPath));
        return 0;
    }
}
