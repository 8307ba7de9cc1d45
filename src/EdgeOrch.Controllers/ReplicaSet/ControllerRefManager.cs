using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// Kubernetes' ControllerRefManager for an owner and its children (ReplicaSet and pods, Deployment and ReplicaSets): keeps
/// the owned children that still match the selector, releases owned children that no longer match (removes the ownerReference), and adopts matching orphans (adds the controller reference)
/// after re-reading the owner from the API, so a set being deleted or replaced under the same name never adopts.
/// </summary>
internal sealed class ControllerRefManager(IApiClient client, ResourceType ownerType, ResourceType childType)
{
    public async Task<List<JsonObject>> ClaimAsync(JsonObject owner, JsonObject controllerRef, IEnumerable<JsonObject> children,
        CancellationToken cancellationToken)
    {
        var selector = owner.Obj("spec").Obj("selector");
        var claimed = new List<JsonObject>();
        bool? canAdopt = null;
        foreach (var child in children)
        {
            var refUid = OwnerReferences.ControllerUid(child);
            var matches = LabelSelectors.Matches(selector, child.Labels());
            if (refUid is not null)
            {
                if (refUid != owner.Uid()) continue;
                if (matches)
                {
                    claimed.Add(child);
                    continue;
                }
                if (!owner.IsDeleting())
                    await ReleaseAsync(owner, child, cancellationToken);
                continue;
            }

            if (!matches || owner.IsDeleting() || child.IsDeleting()) continue;
            canAdopt ??= await OwnerStillCurrentAsync(owner, cancellationToken);
            if (canAdopt != true) continue;
            var adopted = await AdoptAsync(child, controllerRef, cancellationToken);
            if (adopted is not null) claimed.Add(adopted);
        }
        return claimed;
    }

    private async Task<bool> OwnerStillCurrentAsync(JsonObject owner, CancellationToken cancellationToken)
    {
        var fresh = await client.GetAsync(ownerType, owner.Namespace(), owner.Name(), cancellationToken);
        return fresh is not null && fresh.Uid() == owner.Uid() && !fresh.IsDeleting();
    }

    private async Task<JsonObject?> AdoptAsync(JsonObject child, JsonObject controllerRef, CancellationToken cancellationToken)
    {
        try
        {
            return await client.UpdateAsync(childType, OwnerReferences.WithControllerRef(child, controllerRef), cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task ReleaseAsync(JsonObject owner, JsonObject child, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateAsync(childType, OwnerReferences.WithoutOwner(child, owner.Uid()), cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound || e.Code == 422)
        {
            // Gone or no longer releasable: nothing to undo, as in Kubernetes.
        }
    }
}
