using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.Cli;

/// <summary>`edgeorch version`: EdgeOrch's version and the Kubernetes API level it serves.</summary>
public static class VersionCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("data-dir", true, "Accepted for symmetry with the other verbs; unused", null, "DIR"),
    ];

    public static int Run()
    {
        Console.WriteLine($"edgeorch version v{ServerVersion.EdgeOrchVersion} (Kubernetes API {ServerVersion.GitVersion})");
        Console.WriteLine($"runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
        return 0;
    }
}
