namespace EdgeOrch.Cli;

/// <summary>One --flag of a verb: whether it takes a value, its help text and default (for --help).</summary>
public sealed record OptionSpec(string Name, bool TakesValue, string Help, string? Default = null, string ValueName = "VALUE");
