using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>What a pod contributes to a Service's endpoints: address, readiness, termination, resolved target ports.</summary>
internal static class PodEndpoint
{
    public static bool IsReady(JsonObject pod) =>
        pod.Obj("status").Arr("conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    public static bool IsTerminating(JsonObject pod) => pod.Obj("metadata")?["deletionTimestamp"] is not null;

    public static bool IsTerminal(JsonObject pod) => pod.Obj("status").Str("phase") is "Succeeded" or "Failed";

    /// <summary>The pod's primary IP (status.podIP, else the first of status.podIPs), or null.</summary>
    public static string? Ip(JsonObject pod)
    {
        var status = pod.Obj("status");
        if (status.Str("podIP") is { Length: > 0 } ip)
            return ip;
        return status.Arr("podIPs").Objects().Select(p => p.Str("ip")).FirstOrDefault(s => !string.IsNullOrEmpty(s));
    }

    /// <summary>The pod's IPv4 address (for IPv4 EndpointSlices), or null.</summary>
    public static string? Ipv4(JsonObject pod)
    {
        var status = pod.Obj("status");
        IEnumerable<string?> candidates = [status.Str("podIP"), .. status.Arr("podIPs").Objects().Select(p => p.Str("ip"))];
        return candidates.FirstOrDefault(s => !string.IsNullOrEmpty(s) && IPAddress.TryParse(s, out var a) && a.AddressFamily == AddressFamily.InterNetwork);
    }

    /// <summary>Kubernetes' rule: finished pods and pods without an IP never appear; terminating ones only when asked.</summary>
    public static bool Belongs(JsonObject pod, bool includeTerminating) =>
        !IsTerminal(pod) && Ip(pod) is not null && (includeTerminating || !IsTerminating(pod));

    /// <summary>The container port a Service port reaches on this pod: a number as is, a name looked up among the containers'
    /// ports of the same protocol; null when the name is not found (the port is then left out for this pod).</summary>
    public static long? TargetPort(JsonObject pod, JsonObject servicePort)
    {
        var target = servicePort["targetPort"];
        if (target is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var name = v.GetValue<string>();
            if (long.TryParse(name, out var numeric))
                return numeric;
            var protocol = servicePort.Str("protocol") ?? "TCP";
            foreach (var container in pod.Obj("spec").Arr("containers").Objects())
                foreach (var port in container.Arr("ports").Objects())
                    if (port.Str("name") == name && (port.Str("protocol") ?? "TCP") == protocol)
                        return port.Int("containerPort");
            return null;
        }
        return servicePort.Int("targetPort") is > 0 and var n ? n : servicePort.Int("port");
    }

    /// <summary>The pod's hostname in the Service's DNS, when its subdomain is the Service (headless DNS records).</summary>
    public static string? Hostname(JsonObject pod, JsonObject service)
    {
        var spec = pod.Obj("spec");
        return spec.Str("hostname") is { Length: > 0 } host && spec.Str("subdomain") == Json.Name(service) ? host : null;
    }

    public static JsonObject TargetRef(JsonObject pod) => new()
    {
        ["kind"] = "Pod",
        ["namespace"] = Json.Namespace(pod),
        ["name"] = Json.Name(pod),
        ["uid"] = Json.Uid(pod),
    };

    /// <summary>The pod fields endpoints depend on, to skip pod updates that change nothing here (status heartbeats).</summary>
    public static string Fingerprint(JsonObject pod) =>
        $"{pod.Obj("metadata")?["labels"]?.ToJsonString()}|{Ip(pod)}|{IsReady(pod)}|{IsTerminating(pod)}|{IsTerminal(pod)}|" +
        $"{pod.Obj("spec").Str("nodeName")}|{pod.Obj("spec").Str("hostname")}|{pod.Obj("spec").Str("subdomain")}|{pod.Obj("status")?["podIPs"]?.ToJsonString()}";
}
