using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer;
using EdgeOrch.ApiServer.Client;
using EdgeOrch.ApiServer.Metrics;
using EdgeOrch.Controllers;
using EdgeOrch.Controllers.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Hosting;

/// <summary>
/// The controllers inside `edgeorch server`: they talk to the API in-process (same registry, same admission and
/// validation as kubectl gets), start once the API is ready, and add their metrics to /metrics.
/// </summary>
public static class ControlPlane
{
    /// <param name="caPem">The cluster CA, published to every namespace as the kube-root-ca.crt ConfigMap.</param>
    public static ControllerHost Create(WebApplication app, string caPem)
    {
        var services = app.Services;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var time = services.GetRequiredService<TimeProvider>();
        var client = InProcessApiClient.FromServices(services);
        var context = new ControllerContext(client, new InformerFactory(client, loggers), services.GetRequiredService<ResourceRegistry>(), time,
            new EventRecorder(client, time, loggers.CreateLogger("EdgeOrch.Controllers.Events")), loggers);
        var metrics = new ControllerMetrics();
        services.GetRequiredService<ApiMetrics>().AddSource(metrics.WriteTo);
        var gate = services.GetRequiredService<ReadinessGate>();
        IReadOnlyList<IController> controllers = [.. BuiltinControllers.Create(context), new Controllers.ServiceAccount.RootCaPublisherController(context, caPem)];
        return new ControllerHost(context, controllers, metrics, ct => gate.WhenReady.WaitAsync(ct));
    }
}
