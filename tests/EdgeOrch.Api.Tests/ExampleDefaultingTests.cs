using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

/// <summary>Every example manifest of the design document, defaulted as the API server would store it.</summary>
public sealed class ExampleDefaultingTests
{
    private static JsonObject Defaulted(string file, string kind, string ns = "default")
    {
        var obj = Manifests.Load(file).Single(o => (string?)o["kind"] == kind);
        var type = Manifests.TypeOf(obj);
        if (type.Namespaced)
            obj["metadata"]!["namespace"] ??= ns;
        ObjectDefaulter.Apply(type, obj);
        return obj;
    }

    private static string? At(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
            current = int.TryParse(part, out var i) ? current?[i] : current?[part];
        return current?.ToJsonString();
    }

    public static TheoryData<string> AllExampleFiles() =>
        [.. Directory.GetFiles(Manifests.ExamplesDir, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Manifests.ExamplesDir, f))];

    [Theory]
    [MemberData(nameof(AllExampleFiles))]
    public void EveryExampleIsValidAfterDefaulting(string file)
    {
        foreach (var obj in Manifests.Load(file))
        {
            var type = Manifests.TypeOf(obj);
            if (type.Namespaced)
                obj["metadata"]!["namespace"] ??= "default";
            ObjectDefaulter.Apply(type, obj);
            Assert.Empty(ObjectValidator.ValidateCreate(type, obj));
        }
    }

    [Fact]
    public void WebDeploymentGetsDeploymentAndPodTemplateDefaults()
    {
        var d = Defaulted("web.yaml", "Deployment");
        Assert.Equal("3", At(d, "spec.replicas"));
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""", At(d, "spec.strategy"));
        Assert.Equal("10", At(d, "spec.revisionHistoryLimit"));
        Assert.Equal("600", At(d, "spec.progressDeadlineSeconds"));
        var templateMeta = d["spec"]!["template"]!["metadata"]!.AsObject();
        Assert.True(templateMeta.ContainsKey("creationTimestamp") && templateMeta["creationTimestamp"] is null);
        Assert.Equal("\"Always\"", At(d, "spec.template.spec.restartPolicy"));
        Assert.Equal("\"ClusterFirst\"", At(d, "spec.template.spec.dnsPolicy"));
        Assert.Equal("30", At(d, "spec.template.spec.terminationGracePeriodSeconds"));
        Assert.Equal("\"default-scheduler\"", At(d, "spec.template.spec.schedulerName"));
        Assert.Equal("{}", At(d, "spec.template.spec.securityContext"));
        // enableServiceLinks is a Pod-only default: templates do not get it.
        Assert.Null(At(d, "spec.template.spec.enableServiceLinks"));

        var c = d["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("\"IfNotPresent\"", At(c, "imagePullPolicy"));
        Assert.Equal("\"/dev/termination-log\"", At(c, "terminationMessagePath"));
        Assert.Equal("\"File\"", At(c, "terminationMessagePolicy"));
        Assert.Equal("{}", At(c, "resources"));
        Assert.Equal("\"TCP\"", At(c, "ports.0.protocol"));
    }

    [Fact]
    public void WebServiceIsALoadBalancerWithTrafficPoliciesAndNodePortAllocation()
    {
        var s = Defaulted("web.yaml", "Service");
        Assert.Equal("\"None\"", At(s, "spec.sessionAffinity"));
        Assert.Equal("\"Cluster\"", At(s, "spec.externalTrafficPolicy"));
        Assert.Equal("\"Cluster\"", At(s, "spec.internalTrafficPolicy"));
        Assert.Equal("true", At(s, "spec.allocateLoadBalancerNodePorts"));
        Assert.Equal("\"SingleStack\"", At(s, "spec.ipFamilyPolicy"));
        Assert.Equal("[\"IPv4\"]", At(s, "spec.ipFamilies"));
        Assert.Equal("80", At(s, "spec.ports.0.targetPort"));
        Assert.Equal("{\"loadBalancer\":{}}", At(s, "status"));
        Assert.True(ServiceDefaults.NeedsClusterIP(s));
        Assert.Single(ServiceDefaults.PortsNeedingNodePort(s));
    }

    [Fact]
    public void MysqlStatefulSetGetsStatefulSetDefaults()
    {
        var s = Defaulted("mysql-statefulset.yaml", "StatefulSet");
        Assert.Equal("\"OrderedReady\"", At(s, "spec.podManagementPolicy"));
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"partition":0}}""", At(s, "spec.updateStrategy"));
        Assert.Equal("10", At(s, "spec.revisionHistoryLimit"));
        Assert.Equal("""{"whenDeleted":"Retain","whenScaled":"Retain"}""", At(s, "spec.persistentVolumeClaimRetentionPolicy"));
        Assert.Equal("\"IfNotPresent\"", At(s, "spec.template.spec.containers.0.imagePullPolicy"));
    }

    [Fact]
    public void WordpressDeploymentAndServiceAreDefaulted()
    {
        var d = Defaulted("wordpress-deployment.yaml", "Deployment");
        Assert.Equal("\"IfNotPresent\"", At(d, "spec.template.spec.containers.0.imagePullPolicy"));
        Assert.Equal("\"RollingUpdate\"", At(d, "spec.strategy.type"));
        var s = Defaulted("wordpress-service.yaml", "Service");
        Assert.Equal("\"Cluster\"", At(s, "spec.externalTrafficPolicy"));
    }

    [Fact]
    public void NetworkPolicyDerivesPolicyTypesFromItsRules()
    {
        var n = Defaulted("networkpolicy.yaml", "NetworkPolicy");
        Assert.Equal("[\"Ingress\"]", At(n, "spec.policyTypes"));
        Assert.Equal("\"TCP\"", At(n, "spec.ingress.0.ports.0.protocol"));
    }

    [Fact]
    public void UntaggedImageIsPulledAlwaysAndPodOnlyDefaultsApply()
    {
        var p = Defaulted("pod-security.yaml", "Pod");
        Assert.Equal("\"Always\"", At(p, "spec.containers.0.imagePullPolicy"));
        Assert.Equal("true", At(p, "spec.enableServiceLinks"));
        // A given securityContext is kept as is.
        Assert.Equal("true", At(p, "spec.securityContext.runAsNonRoot"));
    }

    [Fact]
    public void RoleBindingKeepsGivenApiGroupsAndRoleHasNoDefaults()
    {
        var rb = Defaulted("rbac.yaml", "RoleBinding");
        Assert.Equal("\"rbac.authorization.k8s.io\"", At(rb, "subjects.0.apiGroup"));
        var role = Defaulted("rbac.yaml", "Role");
        var before = Manifests.Load("rbac.yaml").Single(o => (string?)o["kind"] == "Role");
        Assert.True(JsonNode.DeepEquals(before, role));
    }

    [Fact]
    public void IngressHasNoSpecDefaults()
    {
        var i = Defaulted("ingress-canary.yaml", "Ingress");
        Assert.Equal("\"Prefix\"", At(i, "spec.rules.0.http.paths.0.pathType"));
        Assert.Equal("{\"loadBalancer\":{}}", At(i, "status"));
    }

    [Fact]
    public void CrdGetsConversionAndListKind()
    {
        var crd = Defaulted("crds/vpa-crd.yaml", "CustomResourceDefinition");
        Assert.Equal("{\"strategy\":\"None\"}", At(crd, "spec.conversion"));
        Assert.Equal("\"VerticalPodAutoscalerList\"", At(crd, "spec.names.listKind"));
    }

    [Fact]
    public void CustomResourcesAreNotDefaulted()
    {
        var vpa = Manifests.Load("vpa.yaml").Single();
        var before = vpa.DeepClone();
        ObjectDefaulter.Apply(Manifests.TypeOf(vpa), vpa);
        Assert.True(JsonNode.DeepEquals(before, vpa));
    }
}
