using System.Diagnostics;
using System.Text.Json;

namespace EdgeOrch.Bench;

/// <summary>
/// A watch on one collection (NDJSON over a long GET), started from a listed resourceVersion so that nothing written
/// after <see cref="StartAsync"/> returns is missed. Every event goes to the handler on the reader task with the
/// client-side arrival time (Stopwatch ticks); the handler must be quick.
/// </summary>
internal sealed class JsonWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _reader;
    private readonly Action<string, JsonElement, long> _handler;

    private JsonWatch(HttpClient client, string url, Action<string, JsonElement, long> handler)
    {
        _handler = handler;
        _reader = Task.Run(() => ReadAsync(client, url));
    }

    public string? Error { get; private set; }

    public int Events { get; private set; }

    /// <param name="path">Collection path, e.g. /api/v1/namespaces/bench/pods.</param>
    public static async Task<JsonWatch> StartAsync(HttpClient client, string path, Action<string, JsonElement, long> handler)
    {
        var list = await client.GetStringAsync($"{path}?limit=1");
        using var doc = JsonDocument.Parse(list);
        var rv = doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        return new JsonWatch(client, $"{path}?watch=true&allowWatchBookmarks=false&timeoutSeconds=1800&resourceVersion={rv}", handler);
    }

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
                var type = doc.RootElement.GetProperty("type").GetString()!;
                var obj = doc.RootElement.GetProperty("object");
                if (type == "ERROR")
                {
                    Error = "watch ERROR event: " + obj.GetRawText();
                    return;
                }
                Events++;
                _handler(type, obj, now);
            }
            if (!_cts.IsCancellationRequested)
            {
                Error = "watch ended by the server";
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or OperationCanceledException)
        {
            Error = ex.Message;
        }
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
