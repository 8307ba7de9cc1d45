using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>PersistentVolume and PersistentVolumeClaim.</summary>
internal static class StorageValidation
{
    private static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    private static readonly string[] ReclaimPolicies = ["Delete", "Recycle", "Retain"];
    private static readonly string[] VolumeModes = ["Block", "Filesystem"];
    private static readonly string[] StorageOnly = ["storage"];

    /// <summary>The volume sources a PersistentVolume may name (exactly one).</summary>
    private static readonly string[] PvSources =
    [
        "hostPath", "local", "nfs", "csi", "iscsi", "fc", "rbd", "cephfs", "cinder", "glusterfs", "flexVolume",
        "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "vsphereVolume", "quobyte",
        "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos", "flocker",
    ];

    public static void PersistentVolume(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        AccessModeList(spec.Arr("accessModes"), "spec.accessModes", null, errs);
        var capacity = spec.Obj("capacity");
        if (capacity is null or { Count: 0 })
            errs.Add(FieldError.Required("spec.capacity"));
        else
        {
            foreach (var (name, _) in capacity)
                if (name != "storage")
                    errs.Add(FieldError.NotSupported("spec.capacity", name, StorageOnly));
            ResourceValidation.QuantityList(capacity, "spec.capacity", errs, containerResources: false);
        }
        if (spec.Str("persistentVolumeReclaimPolicy") is { Length: > 0 } policy && !ReclaimPolicies.Contains(policy))
            errs.Add(FieldError.NotSupported("spec.persistentVolumeReclaimPolicy", policy, ReclaimPolicies));
        if (spec.Str("volumeMode") is { } mode && !VolumeModes.Contains(mode))
            errs.Add(FieldError.NotSupported("spec.volumeMode", mode, VolumeModes));

        var sources = PvSources.Where(s => spec[s] is not null).ToList();
        if (sources.Count == 0)
            errs.Add(FieldError.Required("spec", "must specify a volume type"));
        else if (sources.Count > 1)
            errs.Add(FieldError.Forbidden("spec." + sources[1], "may not specify more than 1 volume type"));
        if (spec.Obj("hostPath") is { } hostPath && string.IsNullOrEmpty(hostPath.Str("path")))
            errs.Add(FieldError.Required("spec.hostPath.path"));
        if (spec.Obj("local") is { } local && string.IsNullOrEmpty(local.Str("path")))
            errs.Add(FieldError.Required("spec.local.path"));
    }

    public static void PersistentVolumeUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = newObj.Obj("spec");
        var oldSpec = oldObj.Obj("spec");
        foreach (var source in PvSources)
            if (!JsonFields.DeepEquals(newSpec?[source], oldSpec?[source]))
            {
                errs.Add(FieldError.Forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"));
                break;
            }
        if (oldSpec?["volumeMode"] is not null && !JsonFields.DeepEquals(newSpec?["volumeMode"], oldSpec["volumeMode"]))
            errs.Add(FieldError.Immutable("spec.volumeMode", GoValues.Value(newSpec?["volumeMode"])));
    }

    public static void PersistentVolumeClaim(JsonObject obj, List<FieldError> errs) =>
        ClaimSpec(obj.Obj("spec"), "spec", errs);

    public static void ClaimSpec(JsonObject? spec, string path, List<FieldError> errs)
    {
        spec ??= new JsonObject();
        AccessModeList(spec.Arr("accessModes"), path + ".accessModes", "at least 1 access mode is required", errs);
        MetadataValidation.Labels(spec.Obj("selector")?.Obj("matchLabels"), path + ".selector.matchLabels", errs);
        var requests = ResourceValidation.QuantityList(spec.Obj("resources")?.Obj("requests"), path + ".resources.requests", errs, containerResources: false);
        // A claim bound by dataSource/volumeName still states the size it wants.
        if (!requests.TryGetValue("storage", out var storage))
            errs.Add(FieldError.Required($"{path}.resources[storage]"));
        else if (storage.Sign <= 0)
            errs.Add(FieldError.Invalid($"{path}.resources[storage]", storage.ToString(), "must be greater than zero"));
        if (spec.Str("volumeMode") is { } mode && !VolumeModes.Contains(mode))
            errs.Add(FieldError.NotSupported(path + ".volumeMode", mode, VolumeModes));
        if (spec.Str("storageClassName") is { Length: > 0 } sc)
            foreach (var msg in NameValidation.IsDns1123Subdomain(sc))
                errs.Add(FieldError.Invalid(path + ".storageClassName", sc, msg));
    }

    /// <summary>After creation only resources.requests (and volumeAttributesClassName) of a bound claim may change, and storage only grow.</summary>
    public static void PersistentVolumeClaimUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = (newObj.Obj("spec") ?? new JsonObject()).DeepClone().AsObject();
        var oldSpec = (oldObj.Obj("spec") ?? new JsonObject()).DeepClone().AsObject();
        var bound = oldObj.Obj("status")?.Str("phase") == "Bound";
        // The binder fills volumeName on an unbound claim; that is not a user change.
        if (string.IsNullOrEmpty(oldSpec.Str("volumeName")))
        {
            newSpec.Remove("volumeName");
            oldSpec.Remove("volumeName");
        }
        if (bound)
        {
            newSpec.Obj("resources")?.Remove("requests");
            oldSpec.Obj("resources")?.Remove("requests");
            newSpec.Remove("volumeAttributesClassName");
            oldSpec.Remove("volumeAttributesClassName");
        }
        if (!JsonFields.DeepEquals(newSpec, oldSpec))
            errs.Add(FieldError.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));

        var newSize = newObj.Obj("spec")?.Obj("resources")?.Obj("requests")?["storage"];
        var oldSize = oldObj.Obj("spec")?.Obj("resources")?.Obj("requests")?["storage"];
        if (bound && ResourceValidation.TryQuantity(newSize, out var n) && ResourceValidation.TryQuantity(oldSize, out var o) && n < o)
            errs.Add(FieldError.Forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    }

    private static void AccessModeList(JsonArray? modes, string path, string? requiredDetail, List<FieldError> errs)
    {
        if (modes is null or { Count: 0 })
        {
            errs.Add(requiredDetail is null ? FieldError.Required(path) : FieldError.Required(path, requiredDetail));
            return;
        }
        foreach (var m in modes)
            if (JsonFields.AsString(m) is { } mode && !AccessModes.Contains(mode))
                errs.Add(FieldError.NotSupported(path, mode, AccessModes));
    }
}
