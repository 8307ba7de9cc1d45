using System.Diagnostics;

namespace EdgeOrch.ApiServer.Tests.Security;

/// <summary>Runs the real kubectl (a Go client) so the tests judge our files and TLS the way users' tools will.</summary>
internal static class Kubectl
{
    public const string Path = "/usr/bin/kubectl";

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(Path), $"kubectl is required at {Path} (FACTS.md: it is installed on every machine of this kind).");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the user's own kubeconfig and cache out of the test.
        start.Environment["KUBECONFIG"] = "";
        start.Environment["HOME"] = System.IO.Path.GetTempPath();

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
