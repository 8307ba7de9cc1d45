using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.SimNodes;

/// <summary>
/// Runs simulated nodes against an API until cancelled: registration, lease heartbeats, and the simulated kubelet for
/// their pods, on the same controller runtime as the control plane (informers over the given client). For tests and
/// benchmarks only; never part of `edgeorch server`.
/// </summary>
public static class SimNodesRunner
{
    public static async Task RunAsync(IApiClient client, SimNodeOptions options, ILoggerFactory loggers, TimeProvider? time,
        CancellationToken cancellationToken)
    {
        time ??= TimeProvider.System;
        var registry = new ResourceRegistry();
        var context = new ControllerContext(client, new InformerFactory(client, loggers), registry, time,
            new EventRecorder(client, time, loggers.CreateLogger("EdgeOrch.SimNodes.Events")), loggers);
        var fleet = new SimNodeFleet(client, registry, options, time, loggers.CreateLogger("EdgeOrch.SimNodes"));
        await fleet.RegisterAsync(cancellationToken);

        var nodes = context.Informers.For(context.Type("", "v1", "nodes"));
        using var host = new ControllerHost(context, [new SimKubeletController(context, options)]);
        await host.StartAsync(cancellationToken);
        try
        {
            await fleet.RunHeartbeatsAsync(nodes, cancellationToken);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stop.Token);
        }
    }
}
