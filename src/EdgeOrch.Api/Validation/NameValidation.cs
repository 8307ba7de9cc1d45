using System.Text.RegularExpressions;

namespace EdgeOrch.Api.Validation;

/// <summary>
/// Kubernetes' string-format checks (k8s.io/apimachinery util/validation), returning the same detail texts so
/// error messages read exactly like a real API server's. Each method returns the list of problems (empty when valid).
/// </summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ConfigKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigKeyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private const string EnvVarFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string EnvVarMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
    private const string PercentFmt = "[0-9]+%";
    private const string PercentMsg = "a valid percent string must be a numeric string followed by an ending '%'";

    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z")] private static partial Regex Dns1123LabelRx();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z")] private static partial Regex Dns1123SubdomainRx();
    [GeneratedRegex("^" + Dns1035LabelFmt + "\\z")] private static partial Regex Dns1035LabelRx();
    [GeneratedRegex("^" + QualifiedNameFmt + "\\z")] private static partial Regex QualifiedNameRx();
    [GeneratedRegex("^" + LabelValueFmt + "\\z")] private static partial Regex LabelValueRx();
    [GeneratedRegex("^" + ConfigKeyFmt + "\\z")] private static partial Regex ConfigKeyRx();
    [GeneratedRegex("^" + EnvVarFmt + "\\z")] private static partial Regex EnvVarRx();
    [GeneratedRegex("^" + PercentFmt + "\\z")] private static partial Regex PercentRx();
    [GeneratedRegex("^[-a-z0-9]+\\z")] private static partial Regex PortNameCharsRx();
    [GeneratedRegex("[a-z]")] private static partial Regex OneLetterRx();

    /// <summary>Kubernetes' RegexError: the message, the examples (joined the way Go joins them), and the regex.</summary>
    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0)
            return $"{msg} (regex used for validation is '{fmt}')";
        var text = msg + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) text += " or ";
            text += "'" + examples[i] + "', ";
        }
        return text + "regex used for validation is '" + fmt + "')";
    }

    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    public static List<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
            errs.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1123LabelRx().IsMatch(value))
        {
            // A valid subdomain that is not a label can only be failing on its dots.
            errs.Add(Dns1123SubdomainRx().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!Dns1123SubdomainRx().IsMatch(value))
            errs.Add(RegexError(Dns1123SubdomainMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static List<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
            errs.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1035LabelRx().IsMatch(value))
            errs.Add(RegexError(Dns1035LabelMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    /// <summary>Label and annotation keys: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static List<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                    errs.Add("prefix part must be non-empty");
                else
                    errs.AddRange(IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc") +
                         " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0)
            errs.Add("name part must be non-empty");
        else if (name.Length > 63)
            errs.Add("name part " + MaxLenError(63));
        if (!QualifiedNameRx().IsMatch(name))
            errs.Add("name part " + RegexError(QualifiedNameMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    public static List<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > LabelValueMaxLength)
            errs.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValueRx().IsMatch(value))
            errs.Add(RegexError(LabelValueMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    /// <summary>Keys of ConfigMap and Secret data.</summary>
    public static List<string> IsConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!ConfigKeyRx().IsMatch(value))
            errs.Add(RegexError(ConfigKeyMsg, ConfigKeyFmt, "key.name", "KEY_NAME", "key-name"));
        if (value == ".")
            errs.Add("must not be '.'");
        else if (value == "..")
            errs.Add("must not be '..'");
        else if (value.StartsWith("..", StringComparison.Ordinal))
            errs.Add("must not start with '..'");
        return errs;
    }

    public static List<string> IsEnvVarName(string value)
    {
        var errs = new List<string>();
        if (!EnvVarRx().IsMatch(value))
            errs.Add(RegexError(EnvVarMsg, EnvVarFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        return errs;
    }

    /// <summary>IANA service names, used for named ports.</summary>
    public static List<string> IsValidPortName(string value)
    {
        var errs = new List<string>();
        if (value.Length > 15)
            errs.Add(MaxLenError(15));
        if (!PortNameCharsRx().IsMatch(value))
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!OneLetterRx().IsMatch(value))
            errs.Add("must contain at least one letter (a-z)");
        if (value.Contains("--", StringComparison.Ordinal))
            errs.Add("must not contain consecutive hyphens (-)");
        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
            errs.Add("must not begin or end with a hyphen (-)");
        return errs;
    }

    public static List<string> IsValidPortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    public static List<string> IsValidPercent(string value) =>
        PercentRx().IsMatch(value) ? [] : [RegexError(PercentMsg, PercentFmt, "1%", "93%")];

    /// <summary>Names used as a single URL path segment (RBAC objects).</summary>
    public static List<string> IsValidPathSegmentName(string value)
    {
        var errs = new List<string>();
        if (value == ".") errs.Add("may not be '.'");
        else if (value == "..") errs.Add("may not be '..'");
        if (value.Contains('/')) errs.Add("may not contain '/'");
        if (value.Contains('%')) errs.Add("may not contain '%'");
        return errs;
    }
}
