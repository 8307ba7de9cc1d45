using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>RFC 7386 JSON Merge Patch (application/merge-patch+json): objects merge, null deletes, everything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObj) return patch?.DeepClone();
        JsonObject result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        MergeInto(result, patchObj);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchChild)
            {
                if (target[key] is not JsonObject targetChild)
                {
                    targetChild = new JsonObject();
                    target[key] = targetChild;
                }
                MergeInto(targetChild, patchChild);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
