namespace EdgeOrch.Cli;

/// <summary>A command-line mistake: its message is printed as is, with a pointer to --help, and the exit code is 2.</summary>
public sealed class CliException(string message) : Exception(message);
