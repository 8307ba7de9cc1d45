namespace EdgeOrch.Api.Serialization;

/// <summary>Malformed YAML, or YAML that has no JSON form (NaN, infinity, complex keys). The message names line and column.</summary>
public sealed class YamlJsonException : Exception
{
    public YamlJsonException(string message, long line = 0, long column = 0, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the problem, 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column of the problem, 0 when unknown.</summary>
    public long Column { get; }
}
