namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Locates the user's example manifests (shared/examples, beside the repository in CI).</summary>
public static class Examples
{
    public static string Directory()
    {
        var candidates = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable("EDGEORCH_EXAMPLES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            candidates.Add(fromEnv);
        }
        var root = BinaryLocator.RepositoryRoot();
        candidates.Add(Path.Combine(root, "..", "shared", "examples"));
        candidates.Add(Path.Combine(root, "shared", "examples"));
        candidates.Add("/work/shared/examples");
        foreach (var c in candidates)
        {
            if (File.Exists(Path.Combine(c, "web.yaml")))
            {
                return Path.GetFullPath(c);
            }
        }
        throw new InvalidOperationException(
            "The example manifests were not found; looked in: " + string.Join(", ", candidates) +
            ". Set EDGEORCH_EXAMPLES to the folder holding web.yaml.");
    }

    public static string PathOf(string relativePath) => Path.Combine(Directory(), relativePath);
}
