using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>Namespace, Node, PriorityClass, Lease and Event.</summary>
internal static class ClusterValidation
{
    private const long HighestUserDefinablePriority = 1_000_000_000;
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] PreemptionPolicies = ["Never", "PreemptLowerPriority"];

    /// <summary>The system classes Kubernetes creates itself, with their fixed values.</summary>
    private static readonly Dictionary<string, long> SystemPriorityClasses = new()
    {
        ["system-node-critical"] = 2_000_001_000,
        ["system-cluster-critical"] = 2_000_000_000,
    };

    public static void Namespace(JsonObject obj, List<FieldError> errs)
    {
        foreach (var (i, f) in (obj.Obj("spec")?.Arr("finalizers") ?? []).Select((f, i) => (i, JsonFields.AsString(f) ?? "")))
        {
            foreach (var msg in NameValidation.IsQualifiedName(f))
                errs.Add(FieldError.Invalid($"spec.finalizers[{i}]", f, msg));
            if (!f.Contains('/') && f != "kubernetes")
                errs.Add(FieldError.Invalid($"spec.finalizers[{i}]", f, "name is neither a standard finalizer name nor is it fully qualified"));
        }
    }

    public static void Node(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec");
        foreach (var (i, taint) in spec.Arr("taints").Indexed())
        {
            var key = taint.Str("key") ?? "";
            foreach (var msg in NameValidation.IsQualifiedName(key))
                errs.Add(FieldError.Invalid($"spec.taints[{i}].key", key, msg));
            if (taint.Str("value") is { Length: > 0 } value)
                foreach (var msg in NameValidation.IsValidLabelValue(value))
                    errs.Add(FieldError.Invalid($"spec.taints[{i}].value", value, msg));
            var effect = taint.Str("effect") ?? "";
            if (effect.Length == 0)
                errs.Add(FieldError.Required($"spec.taints[{i}].effect"));
            else if (!TaintEffects.Contains(effect))
                errs.Add(FieldError.NotSupported($"spec.taints[{i}].effect", effect, TaintEffects));
        }
        var status = obj.Obj("status");
        ResourceValidation.QuantityList(status.Obj("capacity"), "status.capacity", errs, containerResources: false);
        ResourceValidation.QuantityList(status.Obj("allocatable"), "status.allocatable", errs, containerResources: false);
    }

    public static void NodeUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var oldCidr = oldObj.Obj("spec")?.Str("podCIDR");
        if (!string.IsNullOrEmpty(oldCidr) && newObj.Obj("spec")?.Str("podCIDR") != oldCidr)
            errs.Add(FieldError.Forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
    }

    public static void PriorityClass(JsonObject obj, List<FieldError> errs)
    {
        var name = obj.Obj("metadata")?.Str("name") ?? "";
        var value = obj.Int("value");
        if (obj["value"] is null)
            errs.Add(FieldError.Required("value"));
        if (SystemPriorityClasses.TryGetValue(name, out var systemValue))
        {
            if (value != systemValue)
                errs.Add(FieldError.Forbidden("metadata.name", $"{name} is a system priority class with value {systemValue}"));
        }
        else
        {
            if (name.StartsWith("system-", StringComparison.Ordinal))
                errs.Add(FieldError.Forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"));
            if (value > HighestUserDefinablePriority)
                errs.Add(FieldError.Forbidden("value", $"maximum allowed value of a user defined priority is {HighestUserDefinablePriority}"));
        }
        if (obj.Str("preemptionPolicy") is { } policy && !PreemptionPolicies.Contains(policy))
            errs.Add(FieldError.NotSupported("preemptionPolicy", policy, PreemptionPolicies));
    }

    public static void PriorityClassUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        if (newObj.Int("value") != oldObj.Int("value"))
            errs.Add(FieldError.Forbidden("value", "may not be changed in an update."));
        if (!JsonFields.DeepEquals(newObj["preemptionPolicy"], oldObj["preemptionPolicy"]))
            errs.Add(FieldError.Immutable("preemptionPolicy", GoValues.Value(newObj["preemptionPolicy"])));
    }

    public static void Lease(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec");
        if (spec.Int("leaseDurationSeconds") is { } duration && duration <= 0)
            errs.Add(FieldError.Invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        if (spec.Int("leaseTransitions") is { } transitions && transitions < 0)
            errs.Add(FieldError.Invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
    }

    public static void Event(JsonObject obj, List<FieldError> errs)
    {
        var ns = obj.Obj("metadata")?.Str("namespace") ?? "";
        var involved = obj.Obj("involvedObject");
        if (involved?.Str("namespace") is { Length: > 0 } involvedNs && involvedNs != ns)
            errs.Add(FieldError.Invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        if (obj.Str("type") is { Length: > 0 } type && type is not ("Normal" or "Warning"))
            errs.Add(FieldError.NotSupported("type", type, ["Normal", "Warning"]));
    }
}
