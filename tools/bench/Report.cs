using System.Text;

namespace EdgeOrch.Bench;

/// <summary>Writes the bench's section into docs/benchmarks.md, replacing an earlier run's section.</summary>
internal static class Report
{
    public const string SectionTitle = "## API server and store (issue 2)";

    public static void WriteSection(string path, string section) => WriteSection(path, SectionTitle, section);

    /// <summary>Writes <paramref name="section"/> (which starts with <paramref name="title"/>) in place of an earlier one.</summary>
    public static void WriteSection(string path, string title, string section)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nFigures measured by tools in this repository; each section names the command that produced it.\n";
        var start = existing.IndexOf(title + "\n", StringComparison.Ordinal);
        string result;
        if (start < 0)
        {
            result = existing.TrimEnd('\n') + "\n\n" + section.TrimEnd('\n') + "\n";
        }
        else
        {
            // The section runs until the next level-2 heading (or the end of the file).
            var next = existing.IndexOf("\n## ", start + title.Length, StringComparison.Ordinal);
            var tail = next < 0 ? "" : existing[(next + 1)..];
            result = existing[..start] + section.TrimEnd('\n') + "\n" + (tail.Length > 0 ? "\n" + tail : "");
        }
        File.WriteAllText(path, result);
    }

    public static string Ms(double v) => double.IsNaN(v) ? "n/a" : v < 10 ? v.ToString("0.00") : v.ToString("0.0");

    public static string MiB(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0");

    public static StringBuilder Line(this StringBuilder sb, string text = "") => sb.Append(text).Append('\n');
}
