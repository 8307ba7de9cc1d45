using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>One shared <see cref="Informer"/> per kind, and separately one shared metadata-only informer per kind (a kind can
/// have both); started together by the controller host (<see cref="Start"/>); informers asked for after the start run at once.</summary>
public sealed class InformerFactory(IApiClient client, ILoggerFactory? loggers = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Group, string Version, string Plural, bool MetadataOnly), Informer> _informers = [];
    private readonly List<Task> _runs = [];
    private CancellationToken? _started;

    public IApiClient Client { get; } = client;

    public IReadOnlyList<Informer> All { get { lock (_lock) return [.. _informers.Values]; } }

    /// <summary>The shared informer caching whole objects of <paramref name="type"/>.</summary>
    public Informer For(ResourceType type) => Get(type, metadataOnly: false);

    /// <summary>The shared informer caching only apiVersion, kind and metadata (without managedFields) of each object of
    /// <paramref name="type"/>: for controllers that decide from metadata alone (owners, finalizers, names, labels), so large
    /// or numerous objects (ConfigMaps, Secrets) are not held in full.</summary>
    public Informer ForMetadata(ResourceType type) => Get(type, metadataOnly: true);

    private Informer Get(ResourceType type, bool metadataOnly)
    {
        lock (_lock)
        {
            var key = (type.Group, type.Version, type.Plural, metadataOnly);
            if (_informers.TryGetValue(key, out var informer))
                return informer;
            var category = metadataOnly ? "MetadataInformer" : "Informer";
            informer = new Informer(Client, type, loggers?.CreateLogger($"EdgeOrch.Controllers.{category}.{type.GroupResource}"), metadataOnly);
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
