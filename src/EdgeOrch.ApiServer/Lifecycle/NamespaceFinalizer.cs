using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.ApiServer.Lifecycle;

/// <summary>
/// Empties namespaces that are being deleted and then removes them, as Kubernetes' namespace controller does: every namespaced
/// object in it is deleted (honouring their own finalizers and grace periods), then the "kubernetes" finalizer is dropped.
/// Driven by a watch on namespaces, with a periodic retry while content remains.
/// </summary>
public sealed partial class NamespaceFinalizer(RestContext context, ObjectDeleter deleter, ILogger<NamespaceFinalizer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prefix = context.Namespaces.KeyPrefix;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = await DeletingNamespacesAsync(stoppingToken);
            foreach (var ns in pending)
            {
                try
                {
                    await FinalizeAsync(ns, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, ns, e);
                }
            }

            // Sleep until a namespace changes, or retry soon when some are still emptying.
            using var watch = context.Storage.Store.Watch(prefix, context.Storage.Store.CurrentRevision);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            if (pending.Count > 0)
                wait.CancelAfter(RetryInterval);
            try
            {
                await watch.Events.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<List<string>> DeletingNamespacesAsync(CancellationToken ct)
    {
        var list = await context.Storage.Store.ListAsync(context.Namespaces.KeyPrefix, cancellationToken: ct);
        return list.Items.Select(ObjectStorage.Decode).Where(ObjectMeta.IsDeleting).Select(n => ObjectMeta.Name(n)!).ToList();
    }

    private async Task FinalizeAsync(string ns, CancellationToken ct)
    {
        var remaining = 0;
        foreach (var type in context.Registry.All.Where(t => t.Namespaced))
        {
            var list = await context.Storage.Store.ListAsync(type.NamespacePrefix(ns), cancellationToken: ct);
            foreach (var entry in list.Items)
            {
                remaining++;
                var obj = ObjectStorage.Decode(entry);
                if (ObjectMeta.IsDeleting(obj))
                    continue;
                try
                {
                    await deleter.DeleteAsync(type, ns, ObjectMeta.Name(obj)!, DeleteOptions.Background, ct);
                }
                catch (Http.ApiException e) when (e.Code == 404)
                {
                }
            }
        }
        if (remaining > 0)
            return;

        var current = await context.Storage.GetAsync(context.Namespaces, null, ns, ct);
        if (current is null)
            return;
        if (current["spec"] is JsonObject spec)
            spec.Remove("finalizers");
        if (ObjectMeta.Finalizers(current).Count > 0)
        {
            await context.Storage.UpdateAsync(context.Namespaces, current, ObjectStorage.RevisionOf(current), ct);
            return;
        }
        await context.Storage.DeleteAsync(context.Namespaces, null, ns, ObjectStorage.RevisionOf(current), ct);
        LogRemoved(logger, ns);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Namespace} emptied and removed")]
    private static partial void LogRemoved(ILogger logger, string @namespace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finalizing namespace {Namespace} failed; will retry")]
    private static partial void LogFailed(ILogger logger, string @namespace, Exception error);
}
