namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// core/v1 kinds other than Pod (field numbers from k8s.io/api core/v1 generated.proto; "!" marks Go pointers and
/// fields whose json tag lacks omitempty): Namespace, ConfigMap, Secret, ServiceAccount, Service, ResourceQuota,
/// and the small reference types shared with other groups.
/// </summary>
internal static class CoreSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("LocalObjectReference", "1 name s");
        b.Message("ObjectReference",
            "1 kind s; 2 namespace s; 3 name s; 4 uid s; 5 apiVersion s; 6 resourceVersion s; 7 fieldPath s");
        b.Message("TypedLocalObjectReference", "1 apiGroup s!; 2 kind s!; 3 name s!");
        b.Message("SecretReference", "1 name s; 2 namespace s");

        b.Message("Namespace", "1 metadata ObjectMeta; 2 spec NamespaceSpec; 3 status NamespaceStatus");
        b.Message("NamespaceSpec", "1 finalizers []s");
        b.Message("NamespaceStatus", "1 phase s; 2 conditions []NamespaceCondition");
        b.Message("NamespaceCondition",
            "1 type s!; 2 status s!; 4 lastTransitionTime t; 5 reason s; 6 message s");

        b.Message("ConfigMap",
            "1 metadata ObjectMeta; 2 data map<s>; 3 binaryData map<bytes>; 4 immutable b!");
        b.Message("Secret",
            "1 metadata ObjectMeta; 2 data map<bytes>; 3 type s; 4 stringData map<s>; 5 immutable b!");
        b.Message("ServiceAccount",
            "1 metadata ObjectMeta; 2 secrets []ObjectReference; 3 imagePullSecrets []LocalObjectReference; " +
            "4 automountServiceAccountToken b!");

        b.Message("Service", "1 metadata ObjectMeta; 2 spec ServiceSpec; 3 status ServiceStatus");
        b.Message("ServiceSpec",
            "1 ports []ServicePort; 2 selector map<s>; 3 clusterIP s; 4 type s; 5 externalIPs []s; 7 sessionAffinity s; " +
            "8 loadBalancerIP s; 9 loadBalancerSourceRanges []s; 10 externalName s; 11 externalTrafficPolicy s; " +
            "12 healthCheckNodePort i32; 13 publishNotReadyAddresses b; 14 sessionAffinityConfig SessionAffinityConfig; " +
            "17 ipFamilyPolicy s!; 18 clusterIPs []s; 19 ipFamilies []s; 20 allocateLoadBalancerNodePorts b!; " +
            "21 loadBalancerClass s!; 22 internalTrafficPolicy s!; 23 trafficDistribution s!");
        b.Message("ServicePort",
            "1 name s; 2 protocol s; 3 port i32!; 4 targetPort ios; 5 nodePort i32; 6 appProtocol s!");
        b.Message("SessionAffinityConfig", "1 clientIP ClientIPConfig");
        b.Message("ClientIPConfig", "1 timeoutSeconds i32!");
        b.Message("ServiceStatus", "1 loadBalancer LoadBalancerStatus; 2 conditions []Condition");
        b.Message("LoadBalancerStatus", "1 ingress []LoadBalancerIngress");
        b.Message("LoadBalancerIngress", "1 ip s; 2 hostname s; 3 ipMode s!; 4 ports []PortStatus");
        b.Message("PortStatus", "1 port i32!; 2 protocol s!; 3 error s!");

        b.Message("ResourceQuota", "1 metadata ObjectMeta; 2 spec ResourceQuotaSpec; 3 status ResourceQuotaStatus");
        b.Message("ResourceQuotaSpec", "1 hard map<q>; 2 scopes []s; 3 scopeSelector ScopeSelector");
        b.Message("ResourceQuotaStatus", "1 hard map<q>; 2 used map<q>");
        b.Message("ScopeSelector", "1 matchExpressions []ScopedResourceSelectorRequirement");
        b.Message("ScopedResourceSelectorRequirement", "1 scopeName s!; 2 operator s!; 3 values []s");

        b.Kind("v1", "Namespace");
        b.Kind("v1", "ConfigMap");
        b.Kind("v1", "Secret");
        b.Kind("v1", "ServiceAccount");
        b.Kind("v1", "Service");
        b.Kind("v1", "ResourceQuota");
    }
}
