using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>core/v1 defaults other than pods and services: Secret, PVC, PV, Namespace, Endpoints, Node.</summary>
internal static class CoreDefaults
{
    public static void Secret(JsonObject obj)
    {
        obj.Default("type", "Opaque");
        // stringData is write-only: Kubernetes merges it into data (base64) on every write and never stores it.
        if (obj.Obj("stringData") is { } stringData)
        {
            var data = obj.Ensure("data");
            foreach (var (key, value) in stringData)
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(JsonFields.AsString(value) ?? ""));
            obj.Remove("stringData");
        }
    }

    public static void PersistentVolumeClaim(JsonObject obj)
    {
        ClaimSpec(obj.Ensure("spec"));
        obj.Ensure("status").Default("phase", "Pending");
    }

    public static void ClaimSpec(JsonObject? spec)
    {
        if (spec is null) return;
        spec.Default("volumeMode", "Filesystem");
        ResourceListDefaults.Canonicalize(spec.Obj("resources")?.Obj("requests"));
        ResourceListDefaults.Canonicalize(spec.Obj("resources")?.Obj("limits"));
    }

    public static void PersistentVolume(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        spec.Default("persistentVolumeReclaimPolicy", "Retain");
        spec.Default("volumeMode", "Filesystem");
        ResourceListDefaults.Canonicalize(spec.Obj("capacity"));
        if (spec.Obj("hostPath") is { } hostPath && hostPath["type"] is null)
            hostPath["type"] = "";
        obj.Ensure("status").Default("phase", "Pending");
    }

    public static void Namespace(JsonObject obj)
    {
        // Every namespace carries its own name as a label, so selectors can pick namespaces by name.
        if (obj.Obj("metadata")?.Str("name") is { Length: > 0 } name)
            obj.Ensure("metadata").Ensure("labels")["kubernetes.io/metadata.name"] = name;
        // The "kubernetes" finalizer is set by the namespace strategy on create; the server keeps it on updates.
        var spec = obj.Ensure("spec");
        if (spec.Arr("finalizers") is null)
            spec["finalizers"] = new JsonArray("kubernetes");
        obj.Ensure("status").Default("phase", "Active");
    }

    public static void Endpoints(JsonObject obj)
    {
        foreach (var subset in obj.Arr("subsets").Objects())
            foreach (var port in subset.Arr("ports").Objects())
                port.Default("protocol", "TCP");
    }

    public static void Node(JsonObject obj)
    {
        var status = obj.Obj("status");
        if (status is null) return;
        ResourceListDefaults.Canonicalize(status.Obj("capacity"), roundToMilli: false);
        ResourceListDefaults.Canonicalize(status.Obj("allocatable"), roundToMilli: false);
        if (status["allocatable"] is null && status.Obj("capacity") is { } capacity)
            status["allocatable"] = capacity.DeepClone();
    }
}
