using System.Globalization;

namespace EdgeOrch.Bench;

/// <summary>Reads single samples from edgeorch's Prometheus text on /metrics.</summary>
internal static class ServerMetrics
{
    /// <summary>The value of the sample whose name and labels are exactly <paramref name="series"/>, or NaN.</summary>
    public static async Task<double> SampleAsync(HttpClient client, string series)
    {
        try
        {
            var text = await client.GetStringAsync("/metrics");
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(series + " ", StringComparison.Ordinal) &&
                    double.TryParse(line[(series.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    return v;
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        return double.NaN;
    }

    /// <summary>A controller's reconcile count and total reconcile seconds so far.</summary>
    public static async Task<(double Count, double Seconds)> ReconcilesAsync(HttpClient client, string controller) =>
        (await SampleAsync(client, $"controller_reconcile_duration_seconds_count{{controller=\"{controller}\"}}"),
         await SampleAsync(client, $"controller_reconcile_duration_seconds_sum{{controller=\"{controller}\"}}"));
}
