using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace EdgeOrch.Bench;

/// <summary>
/// Watches a namespace's ConfigMaps and measures, per object, the time from just before its create was sent
/// to the arrival of its ADDED event.
/// </summary>
internal sealed class WatchProbe : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _sent = new();
    private readonly ConcurrentDictionary<string, long> _arrived = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _reader;

    private WatchProbe(HttpClient client, string ns, string resourceVersion)
    {
        _reader = Task.Run(() => ReadAsync(client, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={resourceVersion}"));
    }

    public static async Task<WatchProbe> StartAsync(HttpClient client, string ns)
    {
        // Start from a listed resourceVersion so that no event is missed while the stream is being set up.
        var list = await client.GetStringAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1");
        using var doc = JsonDocument.Parse(list);
        var rv = doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var probe = new WatchProbe(client, ns, rv!);
        await Task.Delay(500);
        return probe;
    }

    public string? Error { get; private set; }

    /// <summary>Call just before sending the create of <paramref name="name"/>.</summary>
    public void MarkSent(string name) => _sent[name] = Stopwatch.GetTimestamp();

    /// <summary>Call when that create failed: an unacknowledged create is not expected to produce an event.</summary>
    public void Forget(string name) => _sent.TryRemove(name, out _);

    private async Task ReadAsync(HttpClient client, string url)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cts.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_cts.Token));
            while (await reader.ReadLineAsync(_cts.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                if (line.Length == 0)
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.GetProperty("type").GetString() == "ADDED")
                {
                    var name = doc.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()!;
                    _arrived.TryAdd(name, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            Error = ex.Message;
        }
    }

    /// <summary>Waits briefly for stragglers, then returns latencies (ms) and how many creates saw no event.</summary>
    public async Task<(double[] LatenciesMs, int Missing)> CollectAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5) && _sent.Keys.Any(k => !_arrived.ContainsKey(k)))
        {
            await Task.Delay(50);
        }
        var latencies = new List<double>();
        var missing = 0;
        foreach (var (name, sent) in _sent)
        {
            if (_arrived.TryGetValue(name, out var arrived))
            {
                latencies.Add(Stats.TicksToMs(arrived - sent));
            }
            else
            {
                missing++;
            }
        }
        return (latencies.ToArray(), missing);
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }
        _cts.Dispose();
    }
}
