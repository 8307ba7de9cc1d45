using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Handlers;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Lifecycle;
using EdgeOrch.ApiServer.Metrics;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.ApiServer;

/// <summary>
/// Composes the API server: Kestrel over HTTPS in front of one dispatcher, the REST operations over the store, and the
/// background parts (namespace finalizer). The caller owns the store and the logging setup.
/// </summary>
public static class ApiServerHost
{
    public static WebApplication Build(ApiServerOptions options, IRevisionStore store, Action<ILoggingBuilder> configureLogging,
        Func<ResourceRegistry, IApiDocuments> documentsFactory, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        configureLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes + 1;
            kestrel.Listen(options.BindAddress, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(options.ServingCertificate);
            });
        });

        var registry = new ResourceRegistry();
        var metrics = new ApiMetrics();
        var storage = new ObjectStorage(store, metrics.StoreWriteDone);
        var services = builder.Services;
        services.AddSingleton(registry);
        services.AddSingleton(metrics);
        services.AddSingleton(storage);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(sp => new AdmissionChain(
        [
            new ServiceAddressAllocator(storage, registry),
            new CustomResourceDefinitions(registry, storage, sp.GetRequiredService<TimeProvider>()),
            new PodPriorityAdmission(storage, registry),
            new CustomResourceSchemaAdmission(),
        ]));
        services.AddSingleton<RestContext>();
        services.AddSingleton<ObjectCreator>();
        services.AddSingleton<ObjectDeleter>();
        services.AddSingleton<ObjectUpdater>();
        services.AddSingleton<ObjectLister>();
        services.AddSingleton<WatchHandler>();
        services.AddSingleton<ResourceHandler>();
        services.AddSingleton<SystemObjects>();
        services.AddSingleton<ReadinessGate>();
        services.AddSingleton(documentsFactory(registry));
        services.AddSingleton(sp => new ApiDispatcher(
            registry,
            sp.GetRequiredService<ResourceHandler>(),
            sp.GetRequiredService<IApiDocuments>(),
            options.Authenticate,
            metrics,
            sp.GetRequiredService<ReadinessGate>().IsReady,
            sp.GetRequiredService<ILogger<ApiDispatcher>>()));
        services.AddHostedService<NamespaceFinalizer>();
        services.AddHostedService<SystemObjectsStartup>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<ApiDispatcher>();
        app.Run(dispatcher.InvokeAsync);
        return app;
    }
}

/// <summary>Flips to ready once the system objects exist: /readyz answers 503 until then; in-process users (the
/// controllers) await <see cref="WhenReady"/>.</summary>
public sealed class ReadinessGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady() => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

/// <summary>Creates the system objects before the server reports ready.</summary>
internal sealed class SystemObjectsStartup(SystemObjects systemObjects, ReadinessGate gate) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await systemObjects.EnsureAsync(cancellationToken);
        gate.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
