using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>Kubernetes' defaults for pod volumes: a volume without a source is an emptyDir; file modes default to 0644 (420).</summary>
internal static class VolumeDefaults
{
    private const long DefaultMode = 420;

    public static void Apply(JsonObject v)
    {
        var hasSource = v.Any(kv => kv.Key != "name" && kv.Value is not null);
        if (!hasSource)
            v["emptyDir"] = new JsonObject();

        v.Obj("configMap")?.Default("defaultMode", DefaultMode);
        v.Obj("secret")?.Default("defaultMode", DefaultMode);
        if (v.Obj("hostPath") is { } hostPath && hostPath["type"] is null)
            hostPath["type"] = "";
        if (v.Obj("emptyDir") is { } emptyDir && emptyDir["sizeLimit"] is not null)
        {
            var holder = new JsonObject { ["sizeLimit"] = emptyDir["sizeLimit"]!.DeepClone() };
            ResourceListDefaults.Canonicalize(holder, roundToMilli: false);
            emptyDir["sizeLimit"] = holder["sizeLimit"]!.DeepClone();
        }

        if (v.Obj("downwardAPI") is { } downward)
        {
            downward.Default("defaultMode", DefaultMode);
            foreach (var item in downward.Arr("items").Objects())
                ContainerDefaults.FieldRef(item.Obj("fieldRef"));
        }

        if (v.Obj("projected") is { } projected)
        {
            projected.Default("defaultMode", DefaultMode);
            foreach (var source in projected.Arr("sources").Objects())
            {
                source.Obj("serviceAccountToken")?.Default("expirationSeconds", 3600L);
                foreach (var item in source.Obj("downwardAPI")?.Arr("items").Objects() ?? [])
                    ContainerDefaults.FieldRef(item.Obj("fieldRef"));
            }
        }

        if (v.Obj("ephemeral")?.Obj("volumeClaimTemplate") is { } claimTemplate)
        {
            PodSpecDefaults.TemplateMetadata(claimTemplate);
            CoreDefaults.ClaimSpec(claimTemplate.Obj("spec"));
        }
    }
}
