using System.Globalization;

namespace EdgeOrch.Cli;

/// <summary>The flags given to a verb, checked against its <see cref="OptionSpec"/>s.</summary>
public sealed class ParsedOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public bool HelpRequested { get; private set; }

    public static ParsedOptions Parse(string verb, IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var parsed = new ParsedOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.HelpRequested = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positionals.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            var spec = specs.FirstOrDefault(s => s.Name == name)
                ?? throw new CliException($"unknown flag --{name} for 'edgeorch {verb}'");
            string? value = null;
            if (spec.TakesValue)
            {
                if (eq > 0)
                    value = arg[(eq + 1)..];
                else if (i + 1 < args.Count)
                    value = args[++i];
                else
                    throw new CliException($"flag --{name} needs a value ({spec.ValueName})");
            }
            else if (eq > 0)
            {
                value = arg[(eq + 1)..];
                if (value is not ("true" or "false"))
                    throw new CliException($"flag --{name} takes no value (or =true/=false), got \"{value}\"");
            }
            else
            {
                value = "true";
            }
            parsed._values[name] = value;
        }
        return parsed;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.GetValueOrDefault(name) == "true";

    public int GetPort(string name, int fallback)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new CliException($"--{name} must be a port number from 1 to 65535, got \"{text}\"");
        return port;
    }
}
