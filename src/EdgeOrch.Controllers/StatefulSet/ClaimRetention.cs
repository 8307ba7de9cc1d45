using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.StatefulSet;

/// <summary>
/// persistentVolumeClaimRetentionPolicy (KEP-1847) through ownerReferences, so the garbage collector does the deleting:
/// whenDeleted=Delete makes the set an owner of every claim; whenScaled=Delete makes a condemned pod the owner of its
/// claims just before the pod is deleted. Retain (the default) leaves claims unowned, so they outlive pods and the set.
/// </summary>
internal static class ClaimRetention
{
    public static bool DeleteWithSet(JsonObject set) =>
        set.Obj("spec").Obj("persistentVolumeClaimRetentionPolicy").Str("whenDeleted") == "Delete";

    public static bool DeleteWhenScaled(JsonObject set) =>
        set.Obj("spec").Obj("persistentVolumeClaimRetentionPolicy").Str("whenScaled") == "Delete";

    /// <summary>A non-controller owner reference (claims are owned, not controlled, by the set or pod).</summary>
    public static JsonObject OwnerRef(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = Objects.Name(owner),
        ["uid"] = Objects.Uid(owner),
    };

    /// <summary>Adds the owner reference to the claim when missing.</summary>
    public static async Task EnsureOwnerAsync(ControllerContext context, ResourceType claimType, JsonObject claim, JsonObject ownerRef,
        CancellationToken cancellationToken)
    {
        var refs = Objects.Meta(claim).Arr("ownerReferences");
        if (refs.Objects().Any(r => r.Str("uid") == ownerRef.Str("uid")))
            return;
        var updated = (JsonObject)claim.DeepClone();
        var meta = updated.Ensure("metadata");
        var list = meta.Arr("ownerReferences") ?? [];
        list = (JsonArray)list.DeepClone();
        list.Add((JsonNode)ownerRef);
        meta["ownerReferences"] = list;
        try
        {
            await context.Client.UpdateAsync(claimType, updated, cancellationToken);
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            // Gone meanwhile: nothing left to own. (A Conflict propagates: the key is requeued and read afresh.)
        }
    }
}
