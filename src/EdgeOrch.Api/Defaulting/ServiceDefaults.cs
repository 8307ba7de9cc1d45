using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// Service defaults. The stateless ones are applied by <see cref="ObjectDefaulter.Apply"/>; cluster IPs and node ports
/// need the allocator's state, so the API server asks these hooks what to allocate and writes the result back.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>EdgeOrch serves single-stack IPv4 clusters.</summary>
    public const string IpFamily = "IPv4";

    internal static void Apply(JsonObject svc)
    {
        var spec = svc.Ensure("spec");
        spec.Default("sessionAffinity", "None");
        if (spec.Str("sessionAffinity") == "None")
            spec.Remove("sessionAffinityConfig");
        else if (spec.Str("sessionAffinity") == "ClientIP" && spec.Obj("sessionAffinityConfig")?.Obj("clientIP")?["timeoutSeconds"] is null)
            spec["sessionAffinityConfig"] = new JsonObject { ["clientIP"] = new JsonObject { ["timeoutSeconds"] = JsonFields.Number(10800) } };
        spec.Default("type", "ClusterIP");
        var type = spec.Str("type");

        foreach (var port in spec.Arr("ports").Objects())
        {
            port.Default("protocol", "TCP");
            var target = port["targetPort"];
            if (target is null || JsonFields.AsLong(target) == 0 && JsonFields.AsString(target) is null || JsonFields.AsString(target) == "")
                port["targetPort"] = port["port"]?.DeepClone();
        }

        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (spec.Arr("externalIPs")?.Count ?? 0) > 0;
        if (externallyAccessible)
            spec.Default("externalTrafficPolicy", "Cluster");
        if (type is "ClusterIP" or "NodePort" or "LoadBalancer")
            spec.Default("internalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer")
            spec.Default("allocateLoadBalancerNodePorts", true);

        if (type != "ExternalName")
        {
            // Normally done by the REST layer with the cluster's families; EdgeOrch is single-stack.
            spec.Default("ipFamilyPolicy", "SingleStack");
            if (spec.Arr("ipFamilies") is null or { Count: 0 })
                spec["ipFamilies"] = new JsonArray(IpFamily);
            if (spec.Str("clusterIP") is { Length: > 0 } ip && spec.Arr("clusterIPs") is null or { Count: 0 })
                spec["clusterIPs"] = new JsonArray(ip);
        }

        // Go prints the status struct even when empty: "status: {loadBalancer: {}}".
        svc.Ensure("status").Ensure("loadBalancer");
    }

    /// <summary>True when the server must allocate a cluster IP (not ExternalName, no IP given, not headless "None").</summary>
    public static bool NeedsClusterIP(JsonObject svc)
    {
        var spec = svc.Obj("spec");
        return spec?.Str("type") != "ExternalName" && string.IsNullOrEmpty(spec?.Str("clusterIP"));
    }

    /// <summary>Writes an allocated cluster IP to spec.clusterIP and spec.clusterIPs.</summary>
    public static void AssignClusterIP(JsonObject svc, string ip)
    {
        var spec = svc.Ensure("spec");
        spec["clusterIP"] = ip;
        spec["clusterIPs"] = new JsonArray(ip);
    }

    /// <summary>The ports that need a node port allocated (NodePort, or LoadBalancer unless allocateLoadBalancerNodePorts is false).</summary>
    public static IReadOnlyList<JsonObject> PortsNeedingNodePort(JsonObject svc)
    {
        var spec = svc.Obj("spec");
        if (!UsesNodePorts(spec))
            return [];
        return [.. spec.Arr("ports").Objects().Where(p => p.Int("nodePort") is null or 0)];
    }

    /// <summary>True when a LoadBalancer with externalTrafficPolicy Local still lacks its healthCheckNodePort.</summary>
    public static bool NeedsHealthCheckNodePort(JsonObject svc)
    {
        var spec = svc.Obj("spec");
        return spec?.Str("type") == "LoadBalancer" && spec.Str("externalTrafficPolicy") == "Local" && spec.Int("healthCheckNodePort") is null or 0;
    }

    /// <summary>Node ports the object holds (to release on delete or on update when they disappear).</summary>
    public static IEnumerable<long> AllocatedNodePorts(JsonObject svc)
    {
        var spec = svc.Obj("spec");
        foreach (var p in spec.Arr("ports").Objects())
            if (p.Int("nodePort") is { } n and > 0)
                yield return n;
        if (spec.Int("healthCheckNodePort") is { } h and > 0)
            yield return h;
    }

    /// <summary>
    /// On update, a client that sends the object without the allocated values (kubectl replace, apply of the original
    /// manifest) keeps the old ones, as in Kubernetes: cluster IPs, IP families, node ports matched by port and protocol,
    /// and the health check node port. Call before validation so an omitted clusterIP is not seen as a change.
    /// </summary>
    public static void PreserveAllocated(JsonObject newSvc, JsonObject oldSvc)
    {
        var spec = newSvc.Ensure("spec");
        var old = oldSvc.Obj("spec");
        if (old is null) return;
        var type = spec.Str("type") ?? "ClusterIP";
        if (type != "ExternalName" && old.Str("type") != "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.Str("clusterIP")) && old["clusterIP"] is not null)
                spec["clusterIP"] = old["clusterIP"]!.DeepClone();
            if (spec.Arr("clusterIPs") is null or { Count: 0 } && old["clusterIPs"] is not null && spec.Str("clusterIP") == old.Str("clusterIP"))
                spec["clusterIPs"] = old["clusterIPs"]!.DeepClone();
            if (spec["ipFamilies"] is null && old["ipFamilies"] is not null)
                spec["ipFamilies"] = old["ipFamilies"]!.DeepClone();
            if (spec["ipFamilyPolicy"] is null && old["ipFamilyPolicy"] is not null)
                spec["ipFamilyPolicy"] = old["ipFamilyPolicy"]!.DeepClone();
        }
        if (UsesNodePorts(spec) && UsesNodePorts(old))
        {
            foreach (var p in spec.Arr("ports").Objects().Where(p => p.Int("nodePort") is null or 0))
            {
                var match = old.Arr("ports").Objects().FirstOrDefault(o =>
                    o.Int("port") == p.Int("port") && (o.Str("protocol") ?? "TCP") == (p.Str("protocol") ?? "TCP"));
                if (match?.Int("nodePort") is { } n and > 0)
                    p["nodePort"] = JsonFields.Number(n);
            }
        }
        if (NeedsHealthCheckNodePort(newSvc) && old.Int("healthCheckNodePort") is { } h and > 0)
            spec["healthCheckNodePort"] = JsonFields.Number(h);
    }

    private static bool UsesNodePorts(JsonObject? spec) => spec?.Str("type") switch
    {
        "NodePort" => true,
        "LoadBalancer" => spec.Bool("allocateLoadBalancerNodePorts") != false,
        _ => false,
    };
}
