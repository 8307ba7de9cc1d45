using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Endpoints;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.EndpointSlice;

/// <summary>
/// Keeps the discovery.k8s.io/v1 EndpointSlices (addressType IPv4) of every Service with a selector, labelled
/// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the Service (the garbage collector removes
/// them with it). Existing slices are matched by port set and reused, so a change costs one update, and an unchanged world
/// costs no write at all. Slices of other managers (user-managed, mirrored) are never touched.
/// </summary>
public sealed class EndpointSliceController(ControllerContext context) : IController
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedBy = "endpointslice-controller.k8s.io";

    private readonly ResourceType _serviceType = context.Type("", "v1", "services");
    private readonly ResourceType _podType = context.Type("", "v1", "pods");
    private readonly ResourceType _sliceType = context.Type("discovery.k8s.io", "v1", "endpointslices");
    private Informer? _services;
    private Informer? _pods;
    private Informer? _slices;

    public string Name => "endpointslice";

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _services = context.Informers.For(_serviceType);
        _pods = context.Informers.For(_podType);
        _slices = context.Informers.For(_sliceType);
        ServicePodEvents.Wire(_services, _pods, queue);
        _slices.Changed += e =>
        {
            var labels = e.New.Obj("metadata").Obj("labels");
            if (labels.Str(ManagedByLabel) == ManagedBy && labels.Str(ServiceNameLabel) is { Length: > 0 } service)
                queue.Add($"{Json.Namespace(e.New)}/{service}");
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ServicePodEvents.Split(key);
        var service = _services!.Get(ns, name);
        if (service is null || ServiceSelection.Selector(service) is not { } selector)
            return ReconcileResult.Done;

        var desired = SliceLayout.Build(service, ServiceSelection.SelectedPods(selector, _pods!.List(ns)));
        var labels = DesiredLabels(service);
        var unused = _slices!.List(ns).Where(s => IsManagedFor(s, name)).ToList();

        // Pair each desired slice with an existing one of the same ports, then with any leftover, else create one.
        var plan = new List<(DesiredSlice Desired, JsonObject? Existing)>();
        foreach (var slice in desired)
        {
            var match = unused.FirstOrDefault(s => SliceLayout.PortsKeyOf(s["ports"] as JsonArray) == slice.PortsKey);
            if (match is not null)
                unused.Remove(match);
            plan.Add((slice, match));
        }
        for (var i = 0; i < plan.Count && unused.Count > 0; i++)
        {
            if (plan[i].Existing is not null)
                continue;
            plan[i] = (plan[i].Desired, unused[0]);
            unused.RemoveAt(0);
        }

        for (var i = 0; i < plan.Count; i++)
        {
            var (slice, existing) = plan[i];
            if (existing is null)
                await CreateAsync(Render(null, service, slice, labels, i), cancellationToken);
            else if (!IsCurrent(existing, service, slice, labels))
                await context.Client.UpdateAsync(_sliceType, Render(existing, service, slice, labels, i), cancellationToken);
        }
        foreach (var extra in unused)
        {
            try
            {
                await context.Client.DeleteAsync(_sliceType, ns, Json.Name(extra)!, preconditionUid: Json.Uid(extra), cancellationToken: cancellationToken);
            }
            catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
            {
            }
        }
        return ReconcileResult.Done;
    }

    private static bool IsManagedFor(JsonObject slice, string service)
    {
        var labels = slice.Obj("metadata").Obj("labels");
        return labels.Str(ManagedByLabel) == ManagedBy && labels.Str(ServiceNameLabel) == service;
    }

    /// <summary>The Service's labels (minus the ones this controller sets) plus service-name, managed-by and headless.</summary>
    private static SortedDictionary<string, string> DesiredLabels(JsonObject service)
    {
        var labels = Json.Labels(service);
        labels.Remove(ServiceSelection.HeadlessLabel);
        labels[ServiceNameLabel] = Json.Name(service)!;
        labels[ManagedByLabel] = ManagedBy;
        if (ServiceSelection.IsHeadless(service))
            labels[ServiceSelection.HeadlessLabel] = "";
        return labels;
    }

    private static bool IsCurrent(JsonObject existing, JsonObject service, DesiredSlice slice, IReadOnlyDictionary<string, string> labels) =>
        existing.Str("addressType") == "IPv4"
        && SliceLayout.PortsKeyOf(existing["ports"] as JsonArray) == slice.PortsKey
        && JsonNode.DeepEquals(existing["endpoints"] as JsonArray ?? [], slice.Endpoints)
        && Json.SameMap(Json.Labels(existing), labels)
        && existing.Obj("metadata").Arr("ownerReferences").Objects().Any(r => r.Str("uid") == Json.Uid(service));

    private static JsonObject Render(JsonObject? existing, JsonObject service, DesiredSlice slice, IReadOnlyDictionary<string, string> labels, int index)
    {
        var obj = existing is null
            ? new JsonObject
            {
                ["apiVersion"] = "discovery.k8s.io/v1",
                ["kind"] = "EndpointSlice",
                ["metadata"] = new JsonObject { ["name"] = NewName(service, slice, index), ["namespace"] = Json.Namespace(service) },
            }
            : (JsonObject)existing.DeepClone();
        var meta = obj.Obj("metadata")!;
        meta["labels"] = Json.ToJson(labels);
        meta["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["name"] = Json.Name(service),
            ["uid"] = Json.Uid(service),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        obj["addressType"] = "IPv4";
        obj["endpoints"] = slice.Endpoints.DeepClone();
        if (slice.Ports.Count > 0)
            obj["ports"] = slice.Ports.DeepClone();
        else
            obj.Remove("ports");
        return obj;
    }

    /// <summary>"web-x7k2p": the Service name and a suffix that is stable for a given Service, port set and position, so a
    /// retried create finds its own slice instead of making a second one.</summary>
    private static string NewName(JsonObject service, DesiredSlice slice, int index)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Json.Uid(service)}|{slice.PortsKey}|{index}"));
        var suffix = new StringBuilder(5);
        for (var i = 0; i < 5; i++)
            suffix.Append(alphabet[hash[i] % alphabet.Length]);
        var prefix = Json.Name(service)!;
        if (prefix.Length > 57)
            prefix = prefix[..57];
        return $"{prefix}-{suffix}";
    }

    private async Task CreateAsync(JsonObject slice, CancellationToken ct)
    {
        try
        {
            await context.Client.CreateAsync(_sliceType, slice, ct);
        }
        catch (ApiClientException e) when (e.Code == 403)
        {
            // The namespace is being deleted: nothing new may be created in it.
        }
    }
}
