namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>
/// Finds the edgeorch binary under test. The E2E suite tests the published (NativeAOT) binary, not the
/// in-process server, so a missing binary is a hard failure with instructions, never a silent skip.
/// </summary>
public static class BinaryLocator
{
    public const string EnvironmentVariable = "EDGEORCH_BINARY";

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeOrch.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName
            ?? throw new InvalidOperationException($"Cannot find EdgeOrch.sln above {AppContext.BaseDirectory}.");
    }

    public static string DefaultPublishedPath() =>
        Path.Combine(RepositoryRoot(), "artifacts", "publish", "linux-x64", "edgeorch");

    /// <summary>Returns the binary path or throws an exception whose message says how to get one.</summary>
    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (File.Exists(fromEnv))
            {
                return Path.GetFullPath(fromEnv);
            }
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is set to '{fromEnv}', but no file exists there.");
        }

        var published = DefaultPublishedPath();
        if (File.Exists(published))
        {
            return published;
        }

        throw new InvalidOperationException(
            $"The edgeorch binary was not found. Set {EnvironmentVariable} to its path, or publish it first with: " +
            "dotnet publish src/EdgeOrch -c Release -r linux-x64 -o artifacts/publish/linux-x64 " +
            $"(expected at {published}).");
    }
}
