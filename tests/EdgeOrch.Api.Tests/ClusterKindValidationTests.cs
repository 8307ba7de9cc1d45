using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class ClusterKindValidationTests
{
    private static List<string> Create(string kind, string json)
    {
        var obj = Manifests.Json(json);
        var type = Manifests.Builtin(kind);
        ObjectDefaulter.Apply(type, obj);
        return Errors.Lines(ObjectValidator.ValidateCreate(type, obj));
    }

    private static List<string> Update(string kind, string newJson, string oldJson)
    {
        var type = Manifests.Builtin(kind);
        var n = Manifests.Json(newJson);
        var o = Manifests.Json(oldJson);
        ObjectDefaulter.Apply(type, n);
        ObjectDefaulter.Apply(type, o);
        return Errors.Lines(ObjectValidator.ValidateUpdate(type, n, o));
    }

    [Fact]
    public void RoleRulesNeedVerbsGroupsAndResources()
    {
        Assert.Equal(
        [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        ], Create("Role", """{"metadata":{"name":"r","namespace":"d"},"rules":[{"resources":["pods"]}]}"""));
        Assert.Equal(["rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs"],
            Create("Role", """{"metadata":{"name":"r","namespace":"d"},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}"""));
        Assert.Empty(Create("ClusterRole", """{"metadata":{"name":"r"},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}"""));
    }

    [Fact]
    public void BindingsCheckRoleRefAndSubjects()
    {
        Assert.Equal(
        [
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "subjects[0].namespace: Required value",
        ], Create("ClusterRoleBinding", """{"metadata":{"name":"b"},"roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"ServiceAccount","name":"sa"}]}"""));
        Assert.Equal(["roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"other\"}: cannot change roleRef"],
            Update("RoleBinding",
                """{"metadata":{"name":"b","namespace":"d"},"roleRef":{"kind":"Role","name":"other"},"subjects":[{"kind":"User","name":"jane"}]}""",
                """{"metadata":{"name":"b","namespace":"d"},"roleRef":{"kind":"Role","name":"pod-reader"},"subjects":[{"kind":"User","name":"jane"}]}"""));
    }

    [Fact]
    public void CrdNameMustBePluralDotGroupWithOneStorageVersion()
    {
        var crd = Manifests.Load("crds/vpa-crd.yaml").Single();
        crd["metadata"]!["name"] = "vpas.autoscaling.k8s.io";
        crd["spec"]!["versions"]![0]!["storage"] = false;
        var type = Manifests.TypeOf(crd);
        ObjectDefaulter.Apply(type, crd);
        var errs = Errors.Lines(ObjectValidator.ValidateCreate(type, crd));
        Assert.Equal(2, errs.Count);
        Assert.Equal("metadata.name: Invalid value: \"vpas.autoscaling.k8s.io\": must be spec.names.plural+\".\"+spec.group", errs[0]);
        Assert.EndsWith(": must have exactly one version marked as storage version", errs[1]);
    }

    [Fact]
    public void CrdScopeIsImmutable()
    {
        var old = Manifests.Load("crds/vpa-crd.yaml").Single();
        var changed = old.DeepClone().AsObject();
        changed["spec"]!["scope"] = "Cluster";
        Assert.Equal(["spec.scope: Invalid value: \"Cluster\": field is immutable"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.TypeOf(old), changed, old)));
    }

    [Fact]
    public void PriorityClassLimits()
    {
        Assert.Equal(["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"],
            Create("PriorityClass", """{"metadata":{"name":"p"},"value":2000000000}"""));
        Assert.Equal(["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved"],
            Create("PriorityClass", """{"metadata":{"name":"system-mine"},"value":1}"""));
        Assert.Empty(Create("PriorityClass", """{"metadata":{"name":"system-node-critical"},"value":2000001000}"""));
        Assert.Equal(["value: Forbidden: may not be changed in an update."],
            Update("PriorityClass", """{"metadata":{"name":"p"},"value":2}""", """{"metadata":{"name":"p"},"value":1}"""));
    }

    [Fact]
    public void IngressPathsNeedPathTypeAndAbsolutePaths()
    {
        Assert.Equal(
        [
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
            "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path",
        ], Create("Ingress", """
            {"metadata":{"name":"i","namespace":"d"},"spec":{"rules":[{"host":"app.example.com","http":{"paths":[
              {"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}},
              {"path":"api","pathType":"Prefix","backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}]}}
            """));
        Assert.Equal(["spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"],
            Create("Ingress", """{"metadata":{"name":"i","namespace":"d"},"spec":{}}"""));
    }

    [Fact]
    public void NetworkPolicyPortsAndPeers()
    {
        Assert.Equal(
        [
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/99\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        ], Create("NetworkPolicy", """{"metadata":{"name":"n","namespace":"d"},"spec":{"podSelector":{},"ingress":[{"ports":[{"protocol":"ICMP","port":80}],"from":[{"ipBlock":{"cidr":"10.0.0.0/99"}}]}]}}"""));
    }

    [Fact]
    public void PvcSpecIsImmutableButBoundClaimsMayGrow()
    {
        const string Old = """{"metadata":{"name":"c","namespace":"d"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Bound"}}""";
        Assert.Empty(Update("PersistentVolumeClaim",
            """{"metadata":{"name":"c","namespace":"d"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"2Gi"}}}}""", Old));
        Assert.Equal(["spec.resources.requests.storage: Forbidden: field can not be less than previous value"], Update("PersistentVolumeClaim",
            """{"metadata":{"name":"c","namespace":"d"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"512Mi"}}}}""", Old));
        Assert.Equal(["spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"], Update("PersistentVolumeClaim",
            """{"metadata":{"name":"c","namespace":"d"},"spec":{"accessModes":["ReadWriteMany"],"resources":{"requests":{"storage":"1Gi"}}}}""", Old));
        Assert.Equal(["spec.resources[storage]: Required value"],
            Create("PersistentVolumeClaim", """{"metadata":{"name":"c","namespace":"d"},"spec":{"accessModes":["ReadWriteOnce"]}}"""));
    }

    [Fact]
    public void LeaseDurationMustBePositive() =>
        Assert.Equal(["spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"],
            Create("Lease", """{"metadata":{"name":"l","namespace":"d"},"spec":{"leaseDurationSeconds":0}}"""));

    [Fact]
    public void StatusUpdatesRefuseNegativeCounts()
    {
        var old = Manifests.Json("""{"metadata":{"name":"d","namespace":"x"}}""");
        var status = Manifests.Json("""{"metadata":{"name":"d","namespace":"x"},"status":{"replicas":-1}}""");
        Assert.Equal(["status.replicas: Invalid value: -1: must be greater than or equal to 0"],
            Errors.Lines(ObjectValidator.ValidateStatusUpdate(Manifests.Builtin("Deployment"), status, old)));
    }
}
