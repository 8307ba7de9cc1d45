using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>metadata.ownerReferences helpers: the controller reference, adoption and release.</summary>
internal static class OwnerReferences
{
    /// <summary>The ownerReference with controller=true, if any (metav1.GetControllerOf).</summary>
    public static JsonObject? ControllerOf(JsonObject obj) =>
        obj.Obj("metadata").Arr("ownerReferences").Objects().FirstOrDefault(r => r.Bool("controller") == true);

    public static string? ControllerUid(JsonObject obj) => ControllerOf(obj)?.Str("uid");

    public static bool IsControlledBy(JsonObject obj, JsonObject owner) => ControllerUid(obj) is { } uid && uid == owner.Uid();

    /// <summary>metav1.NewControllerRef: the owner as the controlling reference that blocks the owner's foreground deletion.</summary>
    public static JsonObject NewControllerRef(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>A copy of <paramref name="obj"/> with <paramref name="controllerRef"/> added (adoption).</summary>
    public static JsonObject WithControllerRef(JsonObject obj, JsonObject controllerRef)
    {
        var copy = obj.DeepClone().AsObject();
        var refs = copy.Meta()["ownerReferences"] as JsonArray;
        if (refs is null)
        {
            refs = [];
            copy.Meta()["ownerReferences"] = refs;
        }
        refs.Add(controllerRef.DeepClone());
        return copy;
    }

    /// <summary>A copy of <paramref name="obj"/> without any ownerReference to <paramref name="ownerUid"/> (release).</summary>
    public static JsonObject WithoutOwner(JsonObject obj, string ownerUid)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy.Meta()["ownerReferences"] is JsonArray refs)
        {
            for (var i = refs.Count - 1; i >= 0; i--)
                if (refs[i] is JsonObject r && r.Str("uid") == ownerUid)
                    refs.RemoveAt(i);
            if (refs.Count == 0)
                copy.Meta().Remove("ownerReferences");
        }
        return copy;
    }
}
