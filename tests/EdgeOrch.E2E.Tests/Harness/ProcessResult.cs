namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Outcome of a finished child process (kubectl, edgeorch CLI helpers).</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, string CommandLine)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A compact description for assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\nexit code: {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
