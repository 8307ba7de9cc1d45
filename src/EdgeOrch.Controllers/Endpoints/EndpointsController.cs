using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>
/// Keeps one core/v1 Endpoints object per Service with a selector (same name), listing the selected pods' addresses and
/// resolved ports; deletes it when the Service goes. Services without a selector are left to their users. Writes only when
/// the subsets or labels differ (flash writes are scarce on the devices EdgeOrch runs on).
/// </summary>
public sealed class EndpointsController(ControllerContext context) : IController
{
    private readonly ResourceType _serviceType = context.Type("", "v1", "services");
    private readonly ResourceType _podType = context.Type("", "v1", "pods");
    private readonly ResourceType _endpointsType = context.Type("", "v1", "endpoints");
    private Informer? _services;
    private Informer? _pods;
    private Informer? _endpoints;

    public string Name => "endpoints";

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _services = context.Informers.For(_serviceType);
        _pods = context.Informers.For(_podType);
        _endpoints = context.Informers.For(_endpointsType);
        ServicePodEvents.Wire(_services, _pods, queue);
        // Someone else changed or removed an Endpoints object of a Service: put it right. Endpoints without a Service
        // are left alone (users make them by hand); they are deleted only when their Service goes, as in Kubernetes.
        _endpoints.Changed += e =>
        {
            if (_services.Get(Json.Namespace(e.New), Json.Name(e.New) ?? "") is not null)
                queue.Add(ServicePodEvents.Key(e.New));
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ServicePodEvents.Split(key);
        var service = _services!.Get(ns, name);
        var existing = _endpoints!.Get(ns, name);
        if (service is null)
        {
            if (existing is not null)
                await DeleteAsync(ns, name, Json.Uid(existing), cancellationToken);
            return ReconcileResult.Done;
        }
        if (ServiceSelection.Selector(service) is not { } selector)
            return ReconcileResult.Done;

        var subsets = EndpointSubsets.Build(service, ServiceSelection.SelectedPods(selector, _pods!.List(ns)));
        var labels = Json.Labels(service);
        if (ServiceSelection.IsHeadless(service))
            labels[ServiceSelection.HeadlessLabel] = "";
        else
            labels.Remove(ServiceSelection.HeadlessLabel);

        if (existing is null)
        {
            var created = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Endpoints",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = Json.ToJson(labels) },
            };
            if (subsets.Count > 0)
                created["subsets"] = subsets;
            await CreateAsync(created, cancellationToken);
            return ReconcileResult.Done;
        }

        var currentSubsets = existing["subsets"] as JsonArray ?? [];
        if (JsonNode.DeepEquals(currentSubsets, subsets) && Json.SameMap(Json.Labels(existing), labels))
            return ReconcileResult.Done;
        var updated = (JsonObject)existing.DeepClone();
        updated.Obj("metadata")!["labels"] = Json.ToJson(labels);
        if (subsets.Count > 0)
            updated["subsets"] = subsets;
        else
            updated.Remove("subsets");
        await context.Client.UpdateAsync(_endpointsType, updated, cancellationToken);
        return ReconcileResult.Done;
    }

    private async Task CreateAsync(JsonObject endpoints, CancellationToken ct)
    {
        try
        {
            await context.Client.CreateAsync(_endpointsType, endpoints, ct);
        }
        catch (ApiClientException e) when (e.Code == 403)
        {
            // The namespace is being deleted: nothing new may be created in it.
        }
    }

    private async Task DeleteAsync(string ns, string name, string? uid, CancellationToken ct)
    {
        try
        {
            await context.Client.DeleteAsync(_endpointsType, ns, name, preconditionUid: uid, cancellationToken: ct);
        }
        catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }
}
