using System.Net;
using System.Text.RegularExpressions;
using EdgeOrch.E2E.Tests.Harness;
using k8s;
using k8s.Models;

namespace EdgeOrch.E2E.Tests;

/// <summary>Prometheus metrics at /metrics: request counters and latency, store write latency, watchers.</summary>
[Trait("Category", "E2E")]
public sealed class MetricsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public MetricsTests(ServerFixture fixture) => _f = fixture;

    private async Task<string> ScrapeAsync()
    {
        using var http = _f.CreateHttpClient(withToken: true);
        using var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private static IEnumerable<string> Samples(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name + "{") || l.StartsWith(name + " "));

    private static double Value(string sample) =>
        double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task MetricsNeedTheToken()
    {
        using var anonymous = _f.CreateHttpClient(withToken: false);
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RequestCountersAndLatencyHistogramsByVerbResourceCode()
    {
        var ns = await _f.CreateNamespaceAsync("metrics");
        await _f.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } }, ns);
        await _f.Kubernetes.CoreV1.ListNamespacedConfigMapAsync(ns);
        await _f.KubectlAsync("get", "cm", "does-not-exist", "-n", ns);

        var text = await ScrapeAsync();
        Assert.Contains("# TYPE apiserver_request_total counter", text);
        var totals = Samples(text, "apiserver_request_total").ToList();
        bool Has(string verbPattern, string code) => totals.Any(l =>
            Regex.IsMatch(l, $@"verb=""({verbPattern})""", RegexOptions.IgnoreCase) &&
            l.Contains("resource=\"configmaps\"") && l.Contains($"code=\"{code}\"") && Value(l) >= 1);
        Assert.True(Has("POST|CREATE", "201"), "no create counter for configmaps with code 201:\n" + string.Join('\n', totals));
        Assert.True(Has("LIST", "200"), "no list counter for configmaps with code 200:\n" + string.Join('\n', totals));
        Assert.True(Has("GET", "404"), "no get counter for configmaps with code 404:\n" + string.Join('\n', totals));

        Assert.Contains("# TYPE apiserver_request_duration_seconds histogram", text);
        var buckets = Samples(text, "apiserver_request_duration_seconds_bucket").ToList();
        Assert.Contains(buckets, l => l.Contains("resource=\"configmaps\"") && l.Contains("le=\"+Inf\"") && Value(l) >= 1);
        Assert.NotEmpty(Samples(text, "apiserver_request_duration_seconds_sum"));
        Assert.NotEmpty(Samples(text, "apiserver_request_duration_seconds_count"));
    }

    [Fact]
    public async Task StoreWriteLatencyIsExposed()
    {
        var ns = await _f.CreateNamespaceAsync("store");
        await _f.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } }, ns);
        var text = await ScrapeAsync();
        // The name is the server's choice; what matters is a latency histogram of store writes that has counted some.
        var histograms = Regex.Matches(text, @"(?m)^# TYPE (\S+) histogram$").Select(m => m.Groups[1].Value).ToList();
        var storeWrite = histograms.Where(n => Regex.IsMatch(n, "store|storage|etcd|sqlite|kine", RegexOptions.IgnoreCase)).ToList();
        Assert.True(storeWrite.Count > 0, "no store latency histogram; histograms: " + string.Join(", ", histograms));
        Assert.Contains(storeWrite, n => Samples(text, n + "_count").Any(l => Value(l) >= 1));
    }

    [Fact]
    public async Task OpenWatchesAreCounted()
    {
        var ns = await _f.CreateNamespaceAsync("watchers");
        // kubectl lists first (printing existing objects as ADDED too), then watches: only an object created after
        // the listing is printed can prove the watch itself is open.
        await _f.CreateConfigMapAsync(ns, "listed");
        using var watch = _f.StartKubectlStream("get", "cm", "-n", ns, "-w", "--output-watch-events");
        await watch.WaitForLineAsync(l => l.Contains(" listed "), TimeSpan.FromSeconds(15), "the listed configmap");
        await _f.CreateConfigMapAsync(ns, "w");
        await watch.WaitForLineAsync(l => l.Contains("ADDED") && l.Contains(" w "), TimeSpan.FromSeconds(15), "the ADDED event");

        var text = await ScrapeAsync();
        var watchSamples = text.Split('\n')
            .Where(l => !l.StartsWith('#') && l.Length > 0)
            .Where(l => Regex.IsMatch(l.Split('{', ' ')[0], "watch", RegexOptions.IgnoreCase)
                        || (l.StartsWith("apiserver_longrunning_requests") && l.Contains("verb=\"WATCH\"")))
            .ToList();
        Assert.True(watchSamples.Any(l => Value(l) >= 1),
            "no metric counts the open watch:\n" + string.Join('\n', watchSamples));
    }
}
