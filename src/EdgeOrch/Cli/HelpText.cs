using System.Text;

namespace EdgeOrch.Cli;

/// <summary>Renders --help for a verb from its option specs, so help never drifts from what is parsed.</summary>
public static class HelpText
{
    public static string For(string usage, string summary, IReadOnlyList<OptionSpec> specs)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Usage: {usage}").AppendLine().AppendLine(summary).AppendLine().AppendLine("Flags:");
        foreach (var s in specs)
        {
            var left = s.TakesValue ? $"--{s.Name} {s.ValueName}" : $"--{s.Name}";
            var def = s.Default is null ? "" : $" (default: {s.Default})";
            sb.AppendLine($"  {left,-32} {s.Help}{def}");
        }
        sb.AppendLine($"  {"--help",-32} Show this help");
        return sb.ToString();
    }
}
