using System.Globalization;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// Kubernetes' FailedScheduling text: "0/3 nodes are available: 1 node(s) had untolerated taint {a: b}, 2 Insufficient cpu."
/// Each node's reasons are counted; the "count reason" strings are sorted as strings (so "1 x" comes before "2 a"),
/// then the preemption outcome follows as its own sentence, itself formatted the same way (hence the "..").
/// </summary>
internal static class FitError
{
    public const string NoNodesMessage = "no nodes available to schedule pods";

    public static string Message(int allNodes, IEnumerable<IReadOnlyList<string>> nodeReasons, string? postFilterMessage)
    {
        var text = $"0/{allNodes} nodes are available:";
        var histogram = Histogram(nodeReasons);
        if (histogram.Count > 0)
            text += $" {string.Join(", ", histogram)}.";
        if (!string.IsNullOrEmpty(postFilterMessage))
            text += $" {postFilterMessage}.";
        return text;
    }

    public static List<string> Histogram(IEnumerable<IReadOnlyList<string>> nodeReasons)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var reasons in nodeReasons)
            foreach (var reason in reasons)
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
        var lines = counts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}")).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
