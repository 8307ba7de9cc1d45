using System.Diagnostics;
using EdgeOrch.Api.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>
/// Runs the controllers: waits for the API to be ready, gives each controller its work queue (Watch), starts the shared
/// informers, waits until they have listed, then runs each controller's workers. A reconcile that throws is retried with
/// per-key back-off; RequeueAfter is honoured; stopping drains the workers and informers.
/// </summary>
public sealed class ControllerHost : BackgroundService
{
    private readonly ControllerContext _context;
    private readonly IReadOnlyList<IController> _controllers;
    private readonly Func<CancellationToken, Task>? _waitUntilReady;
    private readonly ILogger _log;
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, WorkQueue> _queues = new(StringComparer.Ordinal);

    /// <param name="waitUntilReady">Awaited before anything starts (the API server's readiness); null to start at once.</param>
    public ControllerHost(ControllerContext context, IReadOnlyList<IController> controllers, ControllerMetrics? metrics = null,
        Func<CancellationToken, Task>? waitUntilReady = null)
    {
        _context = context;
        _controllers = controllers;
        _waitUntilReady = waitUntilReady;
        Metrics = metrics ?? new ControllerMetrics();
        _log = context.Loggers.CreateLogger("EdgeOrch.Controllers");
    }

    public ControllerMetrics Metrics { get; }

    /// <summary>Completes once the informers have synced and the workers run (faults if starting failed).</summary>
    public Task Running => _running.Task;

    /// <summary>The work queue of each controller by name (filled when the host starts).</summary>
    public IReadOnlyDictionary<string, WorkQueue> Queues => _queues;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new List<Task>();
        try
        {
            if (_waitUntilReady is not null)
                await _waitUntilReady(stoppingToken).ConfigureAwait(false);

            var started = new List<(IController Controller, WorkQueue Queue)>();
            foreach (var controller in _controllers)
            {
                var queue = new WorkQueue(controller.Name, _context.Time, metrics: Metrics);
                try
                {
                    controller.Watch(_context, queue);
                }
                catch (Exception ex)
                {
                    _log.LogError(ex, "controller {Controller} failed to set up its watches; it will not run", controller.Name);
                    queue.Dispose();
                    continue;
                }
                _queues[controller.Name] = queue;
                started.Add((controller, queue));
            }

            _context.Informers.Start(stoppingToken);
            await _context.Informers.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            _log.LogInformation("controllers started: {Controllers}", string.Join(", ", started.Select(s => s.Controller.Name)));

            foreach (var (controller, queue) in started)
                for (var i = 0; i < Math.Max(1, controller.Workers); i++)
                    workers.Add(Task.Run(() => WorkAsync(controller, queue, stoppingToken), CancellationToken.None));
            _running.TrySetResult();

            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "the controller host failed");
            _running.TrySetException(ex);
        }
        finally
        {
            _running.TrySetCanceled(CancellationToken.None);
            foreach (var queue in _queues.Values)
                queue.ShutDown();
            await Task.WhenAll(workers).ConfigureAwait(false);
            await _context.Informers.StoppedAsync().ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(IController controller, WorkQueue queue, CancellationToken cancellationToken)
    {
        while (true)
        {
            string? key;
            try
            {
                key = await queue.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (key is null)
                return;

            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                var result = await controller.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
                queue.Forget(key);
                if (result.RequeueAfter is { } delay)
                    queue.AddAfter(key, delay);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed = true;
                // Conflicts are the normal price of optimistic concurrency: the next look sees the newer version.
                if (ex is ApiClientException { IsConflict: true })
                    _log.LogDebug("{Controller} {Key}: conflict, retrying: {Message}", controller.Name, key, ex.Message);
                else
                    _log.LogWarning(ex, "{Controller} {Key}: reconcile failed, retrying", controller.Name, key);
                queue.AddRateLimited(key);
            }
            finally
            {
                Metrics.ReconcileDone(controller.Name, Stopwatch.GetElapsedTime(started).TotalSeconds, failed);
                queue.Done(key);
            }
        }
    }
}
