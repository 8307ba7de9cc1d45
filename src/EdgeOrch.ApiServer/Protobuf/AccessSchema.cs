namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// rbac.authorization.k8s.io/v1 (Role, ClusterRole, RoleBinding, ClusterRoleBinding), networking.k8s.io/v1 Ingress and
/// authentication.k8s.io/v1 TokenRequest (kubectl create token). Field numbers from each group's generated.proto.
/// </summary>
internal static class AccessSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("Role", "1 metadata ObjectMeta; 2 rules []PolicyRule");
        b.Message("ClusterRole", "1 metadata ObjectMeta; 2 rules []PolicyRule; 3 aggregationRule AggregationRule");
        b.Message("PolicyRule",
            "1 verbs []s; 2 apiGroups []s; 3 resources []s; 4 resourceNames []s; 5 nonResourceURLs []s");
        b.Message("AggregationRule", "1 clusterRoleSelectors []LabelSelector");
        b.Message("RoleBinding", "1 metadata ObjectMeta; 2 subjects []Subject; 3 roleRef RoleRef");
        b.Message("ClusterRoleBinding", "1 metadata ObjectMeta; 2 subjects []Subject; 3 roleRef RoleRef");
        b.Message("Subject", "1 kind s!; 2 apiGroup s; 3 name s!; 4 namespace s");
        b.Message("RoleRef", "1 apiGroup s!; 2 kind s!; 3 name s!");

        b.Message("Ingress", "1 metadata ObjectMeta; 2 spec IngressSpec; 3 status IngressStatus");
        b.Message("IngressSpec",
            "1 defaultBackend IngressBackend; 2 tls []IngressTLS; 3 rules []IngressRule; 4 ingressClassName s!");
        b.Message("IngressBackend", "3 resource TypedLocalObjectReference; 4 service IngressServiceBackend");
        b.Message("IngressServiceBackend", "1 name s!; 2 port ServiceBackendPort");
        b.Message("ServiceBackendPort", "1 name s; 2 number i32");
        b.Message("IngressTLS", "1 hosts []s; 2 secretName s");
        b.Message("IngressRule", "1 host s; 2 - ^IngressRuleValue");
        b.Message("IngressRuleValue", "1 http HTTPIngressRuleValue");
        b.Message("HTTPIngressRuleValue", "1 paths []HTTPIngressPath");
        b.Message("HTTPIngressPath", "1 path s; 2 backend IngressBackend; 3 pathType s!");
        b.Message("IngressStatus", "1 loadBalancer IngressLoadBalancerStatus");
        b.Message("IngressLoadBalancerStatus", "1 ingress []IngressLoadBalancerIngress");
        b.Message("IngressLoadBalancerIngress", "1 ip s; 2 hostname s; 4 ports []IngressPortStatus");
        b.Message("IngressPortStatus", "1 port i32!; 2 protocol s!; 3 error s!");

        b.Message("TokenRequest", "1 metadata ObjectMeta; 2 spec TokenRequestSpec; 3 status TokenRequestStatus");
        b.Message("TokenRequestSpec",
            "1 audiences []s; 3 boundObjectRef BoundObjectReference; 4 expirationSeconds i64!");
        b.Message("BoundObjectReference", "1 kind s; 2 apiVersion s; 3 name s; 4 uid s");
        b.Message("TokenRequestStatus", "1 token s!; 2 expirationTimestamp t");

        b.Kind("rbac.authorization.k8s.io/v1", "Role");
        b.Kind("rbac.authorization.k8s.io/v1", "ClusterRole");
        b.Kind("rbac.authorization.k8s.io/v1", "RoleBinding");
        b.Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
        b.Kind("networking.k8s.io/v1", "Ingress");
        b.Kind("authentication.k8s.io/v1", "TokenRequest");
    }
}
