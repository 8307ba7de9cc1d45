using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.ServiceAccount;

/// <summary>
/// A "default" ServiceAccount in every active namespace, as Kubernetes' serviceaccounts controller keeps it: created when a
/// namespace appears, and again when someone deletes it. Keys are namespace names.
/// </summary>
public sealed class ServiceAccountController(ControllerContext context) : IController
{
    public const string DefaultName = "default";

    private readonly ResourceType _namespaceType = context.Type("", "v1", "namespaces");
    private readonly ResourceType _serviceAccountType = context.Type("", "v1", "serviceaccounts");
    private Informer? _namespaces;
    private Informer? _serviceAccounts;

    public string Name => "serviceaccount";

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _namespaces = context.Informers.For(_namespaceType);
        // Only whether "default" exists matters: metadata is enough (and shared with the garbage collector).
        _serviceAccounts = context.Informers.ForMetadata(_serviceAccountType);
        _namespaces.Changed += e =>
        {
            if (e.Type != InformerEventType.Deleted)
                queue.Add((string)e.New["metadata"]!["name"]!);
        };
        _serviceAccounts.Changed += e =>
        {
            if (e.Type == InformerEventType.Deleted && (string?)e.New["metadata"]?["name"] == DefaultName)
                queue.Add((string)e.New["metadata"]!["namespace"]!);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (!NamespaceState.IsActive(_namespaces!.Get(null, key)) || _serviceAccounts!.Get(key, DefaultName) is not null)
            return ReconcileResult.Done;
        try
        {
            await context.Client.CreateAsync(_serviceAccountType, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = DefaultName, ["namespace"] = key },
            }, cancellationToken);
        }
        catch (ApiClientException e) when (e.IsAlreadyExists || e.Code == 403 || e.IsNotFound)
        {
            // Already there (the cache lagged), or the namespace started terminating or went away meanwhile.
        }
        return ReconcileResult.Done;
    }
}
