using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>Defaults of networking, discovery, scheduling, RBAC and apiextensions kinds.</summary>
internal static class ClusterDefaults
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>policyTypes always holds Ingress, plus Egress when egress rules are given.</summary>
    public static void NetworkPolicy(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        foreach (var rule in spec.Arr("ingress").Objects())
            foreach (var port in rule.Arr("ports").Objects())
                port.Default("protocol", "TCP");
        foreach (var rule in spec.Arr("egress").Objects())
            foreach (var port in rule.Arr("ports").Objects())
                port.Default("protocol", "TCP");
        if (spec.Arr("policyTypes") is null or { Count: 0 })
        {
            var types = new JsonArray("Ingress");
            if (spec.Arr("egress") is { Count: > 0 })
                types.Add((JsonNode)"Egress");
            spec["policyTypes"] = types;
        }
    }

    public static void EndpointSlice(JsonObject obj)
    {
        foreach (var port in obj.Arr("ports").Objects())
        {
            port.Default("protocol", "TCP");
            if (port["name"] is null)
                port["name"] = "";
        }
    }

    public static void PriorityClass(JsonObject obj) => obj.Default("preemptionPolicy", "PreemptLowerPriority");

    public static void Binding(JsonObject obj)
    {
        obj.Ensure("roleRef").Default("apiGroup", RbacGroup);
        foreach (var subject in obj.Arr("subjects").Objects())
        {
            if (subject["apiGroup"] is not null && subject.Str("apiGroup") != "")
                continue;
            switch (subject.Str("kind"))
            {
                case "User":
                case "Group":
                    subject["apiGroup"] = RbacGroup;
                    break;
                case "ServiceAccount":
                    subject["apiGroup"] = "";
                    break;
            }
        }
    }

    public static void CustomResourceDefinition(JsonObject obj)
    {
        var spec = obj.Ensure("spec");
        if (spec["conversion"] is null)
            spec["conversion"] = new JsonObject { ["strategy"] = "None" };
        if (spec.Obj("conversion")?.Obj("webhook")?.Obj("clientConfig")?.Obj("service") is { } service)
            service.Default("port", 443L);
        var names = spec.Ensure("names");
        if (names.Str("kind") is { Length: > 0 } kind)
        {
            names.Default("singular", kind.ToLowerInvariant());
            names.Default("listKind", kind + "List");
        }
    }
}
