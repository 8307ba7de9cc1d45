using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>One shared <see cref="Informer"/> per kind; started together by the controller host (<see cref="Start"/>);
/// informers asked for after the start run at once.</summary>
public sealed class InformerFactory(IApiClient client, ILoggerFactory? loggers = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Group, string Version, string Plural), Informer> _informers = [];
    private readonly List<Task> _runs = [];
    private CancellationToken? _started;

    public IApiClient Client { get; } = client;

    public IReadOnlyList<Informer> All { get { lock (_lock) return [.. _informers.Values]; } }

    public Informer For(ResourceType type)
    {
        lock (_lock)
        {
            var key = (type.Group, type.Version, type.Plural);
            if (_informers.TryGetValue(key, out var informer))
                return informer;
            informer = new Informer(Client, type, loggers?.CreateLogger($"EdgeOrch.Controllers.Informer.{type.GroupResource}"));
            _informers[key] = informer;
            if (_started is { } token)
                _runs.Add(Task.Run(() => informer.RunAsync(token), CancellationToken.None));
            return informer;
        }
    }

    /// <summary>Runs every informer (present and future) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_started is not null)
                return;
            _started = cancellationToken;
            foreach (var informer in _informers.Values)
                _runs.Add(Task.Run(() => informer.RunAsync(cancellationToken), CancellationToken.None));
        }
    }

    /// <summary>Completes when every informer created so far has done its first list.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(All.Select(i => i.Synced)).WaitAsync(cancellationToken);

    /// <summary>Completes when every running informer has stopped (after the start token was cancelled).</summary>
    public Task StoppedAsync()
    {
        lock (_lock)
            return Task.WhenAll(_runs);
    }
}
