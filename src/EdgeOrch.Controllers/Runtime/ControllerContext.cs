using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>What every controller gets: the API client, the shared informers, the clock, the event recorder, logging.</summary>
public sealed class ControllerContext(IApiClient client, InformerFactory informers, ResourceRegistry registry, TimeProvider time,
    EventRecorder events, ILoggerFactory loggers)
{
    public IApiClient Client { get; } = client;

    public InformerFactory Informers { get; } = informers;

    public ResourceRegistry Registry { get; } = registry;

    public TimeProvider Time { get; } = time;

    public EventRecorder Events { get; } = events;

    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>A built-in kind by group, version and plural ("apps", "v1", "deployments").</summary>
    public ResourceType Type(string group, string version, string plural) =>
        Registry.Find(group, version, plural) ?? throw new InvalidOperationException($"unknown resource {plural}.{group}/{version}");
}
