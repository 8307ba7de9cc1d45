using System.Text.RegularExpressions;

namespace EdgeOrch.ApiServer.Discovery;

/// <summary>
/// Kubernetes' version priority: GA before beta before alpha, higher numbers first (v2, v1, v1beta2, v1beta1, v1alpha1),
/// then anything else alphabetically. Discovery lists versions in this order; the first is the preferred one.
/// </summary>
public sealed partial class KubeVersionOrder : IComparer<string>
{
    public static readonly KubeVersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? "");
        var b = Rank(y ?? "");
        if (a.Class != b.Class)
            return a.Class.CompareTo(b.Class);
        if (a.Class == 3)
            return string.CompareOrdinal(x, y);
        if (a.Major != b.Major)
            return b.Major.CompareTo(a.Major);
        return b.Minor.CompareTo(a.Minor);
    }

    private static (int Class, int Major, int Minor) Rank(string v)
    {
        var m = Pattern().Match(v);
        if (!m.Success)
            return (3, 0, 0);
        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success)
            return (0, major, 0);
        var minor = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (m.Groups[2].Value == "beta" ? 1 : 2, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex Pattern();
}
