namespace EdgeOrch.ApiServer.Discovery;

/// <summary>
/// Subresources Kubernetes lists in discovery (resource/subresource -> response kind and verbs).
/// status and scale are listed from ResourceType.HasStatus/HasScale. The others appear only when the server says it
/// serves them (DiscoveryDocuments' <c>servedSubresources</c>): kubectl logs/exec/port-forward call their paths
/// without looking at discovery, so an unserved one listed here would only mislead `kubectl api-resources` and RBAC tools.
/// </summary>
public static class KnownSubresources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] CreateGet = ["create", "get"];
    private static readonly string[] Proxy = ["create", "delete", "get", "patch", "update"];

    public static readonly Subresource Status = new("status", "", GetPatchUpdate);
    public static readonly Subresource Scale = new("scale", "Scale", GetPatchUpdate, "autoscaling", "v1");

    /// <summary>Optional subresources by "plural/subresource" (core group).</summary>
    public static readonly IReadOnlyDictionary<string, Subresource> Optional = new Dictionary<string, Subresource>
    {
        ["pods/log"] = new("log", "Pod", ["get"]),
        ["pods/exec"] = new("exec", "PodExecOptions", CreateGet),
        ["pods/attach"] = new("attach", "PodAttachOptions", CreateGet),
        ["pods/portforward"] = new("portforward", "PodPortForwardOptions", CreateGet),
        ["pods/proxy"] = new("proxy", "PodProxyOptions", Proxy),
        ["pods/binding"] = new("binding", "Binding", ["create"]),
        ["pods/eviction"] = new("eviction", "Eviction", ["create"], "policy", "v1"),
        ["pods/ephemeralcontainers"] = new("ephemeralcontainers", "Pod", GetPatchUpdate),
        ["services/proxy"] = new("proxy", "ServiceProxyOptions", Proxy),
        ["nodes/proxy"] = new("proxy", "NodeProxyOptions", Proxy),
        ["namespaces/finalize"] = new("finalize", "Namespace", ["update"]),
        ["serviceaccounts/token"] = new("token", "TokenRequest", ["create"], "authentication.k8s.io", "v1"),
    };
}
