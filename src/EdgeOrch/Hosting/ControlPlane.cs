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
    public static ControllerHost Create(WebApplication app)
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
        return new ControllerHost(context, BuiltinControllers.Create(context), metrics, ct => gate.WhenReady.WaitAsync(ct));
    }
}
