using System.Net;
using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>
/// Every manifest of the user's design document (shared/examples) applies with real kubectl (validation on),
/// and what comes back carries the defaults Kubernetes would have filled in.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ExampleManifestTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ExampleManifestTests(ServerFixture fixture) => _f = fixture;

    [Fact]
    public async Task WebDeploymentAndServiceApplyWithKubernetesDefaults()
    {
        var ns = await _f.CreateNamespaceAsync("web");
        var applied = await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("web.yaml"));
        Assert.Contains("deployment.apps/web created", applied);
        Assert.Contains("service/web-service created", applied);

        var d = Json.ParseObject(await _f.KubectlOkAsync("get", "deployment", "web", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(d, "apiVersion", "apps/v1");
        Json.AssertValue(d, "kind", "Deployment");
        Json.AssertValue(d, "spec.replicas", "3");
        Json.AssertValue(d, "spec.strategy.type", "RollingUpdate");
        Json.AssertValue(d, "spec.strategy.rollingUpdate.maxSurge", "25%");
        Json.AssertValue(d, "spec.strategy.rollingUpdate.maxUnavailable", "25%");
        Json.AssertValue(d, "spec.revisionHistoryLimit", "10");
        Json.AssertValue(d, "spec.progressDeadlineSeconds", "600");
        Json.AssertValue(d, "spec.template.spec.restartPolicy", "Always");
        Json.AssertValue(d, "spec.template.spec.dnsPolicy", "ClusterFirst");
        Json.AssertValue(d, "spec.template.spec.schedulerName", "default-scheduler");
        Json.AssertValue(d, "spec.template.spec.terminationGracePeriodSeconds", "30");
        Json.AssertValue(d, "spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent");
        Json.AssertValue(d, "spec.template.spec.containers[0].terminationMessagePath", "/dev/termination-log");
        Json.AssertValue(d, "spec.template.spec.containers[0].terminationMessagePolicy", "File");
        Json.AssertValue(d, "spec.template.spec.containers[0].ports[0].protocol", "TCP");
        AssertServerMetadata(d, "kubectl-client-side-apply");
        Assert.NotNull(Json.At(d, "metadata.annotations")?["kubectl.kubernetes.io/last-applied-configuration"]);

        var s = Json.ParseObject(await _f.KubectlOkAsync("get", "service", "web-service", "-n", ns, "-o", "json", "--show-managed-fields"));
        var clusterIp = Json.Str(s, "spec.clusterIP");
        Assert.True(IPAddress.TryParse(clusterIp, out _), $"spec.clusterIP not allocated: {s.ToJsonString()}");
        Assert.Equal(clusterIp, Json.Str(s, "spec.clusterIPs[0]"));
        Json.AssertValue(s, "spec.type", "LoadBalancer");
        Json.AssertValue(s, "spec.ports[0].protocol", "TCP");
        Json.AssertValue(s, "spec.ports[0].port", "80");
        Json.AssertValue(s, "spec.ports[0].targetPort", "80");
        Json.AssertValue(s, "spec.sessionAffinity", "None");
        AssertServerMetadata(s, "kubectl-client-side-apply", expectGeneration: false); // Services carry no generation
    }

    [Fact]
    public async Task LoadBalancerServiceGetsANodePort()
    {
        var ns = await _f.CreateNamespaceAsync("np");
        await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("wordpress-service.yaml"));
        var s = Json.ParseObject(await _f.KubectlOkAsync("get", "service", "wordpress", "-n", ns, "-o", "json", "--show-managed-fields"));
        var nodePort = Json.Str(s, "spec.ports[0].nodePort");
        Assert.True(int.TryParse(nodePort, out var p) && p is >= 30000 and <= 32767,
            $"a LoadBalancer service should get a nodePort in 30000-32767: {s.ToJsonString()}");
    }

    [Fact]
    public async Task WordpressWithMysqlAppliesAfterTheSecret()
    {
        var ns = await _f.CreateNamespaceAsync("wp");
        var secret = await _f.KubectlOkAsync("create", "secret", "generic", "mysql-secrets", "-n", ns,
            "--from-literal=root_password=s3cr3t-pw");
        Assert.Contains("secret/mysql-secrets created", secret);

        var applied = await _f.KubectlOkAsync("apply", "-n", ns,
            "-f", Examples.PathOf("mysql-statefulset.yaml"),
            "-f", Examples.PathOf("wordpress-deployment.yaml"),
            "-f", Examples.PathOf("wordpress-service.yaml"));
        Assert.Contains("statefulset.apps/mysql created", applied);
        Assert.Contains("deployment.apps/wordpress created", applied);
        Assert.Contains("service/wordpress created", applied);

        var sts = Json.ParseObject(await _f.KubectlOkAsync("get", "statefulset", "mysql", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(sts, "spec.serviceName", "mysql");
        Json.AssertValue(sts, "spec.podManagementPolicy", "OrderedReady");
        Json.AssertValue(sts, "spec.updateStrategy.type", "RollingUpdate");
        Json.AssertValue(sts, "spec.revisionHistoryLimit", "10");
        Json.AssertValue(sts, "spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name", "mysql-secrets");
        AssertServerMetadata(sts, "kubectl-client-side-apply");

        var s = Json.ParseObject(await _f.KubectlOkAsync("get", "secret", "mysql-secrets", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(s, "type", "Opaque");
        Json.AssertValue(s, "data.root_password", Convert.ToBase64String("s3cr3t-pw"u8.ToArray()));

        var wp = Json.ParseObject(await _f.KubectlOkAsync("get", "deployment", "wordpress", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(wp, "spec.template.spec.containers[0].env[0].value", "mysql");
        Json.AssertValue(wp, "spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent");
    }

    [Fact]
    public async Task IngressCanaryApplies()
    {
        var ns = await _f.CreateNamespaceAsync("ing");
        Assert.Contains("ingress.networking.k8s.io/my-app created",
            await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("ingress-canary.yaml")));
        var i = Json.ParseObject(await _f.KubectlOkAsync("get", "ingress", "my-app", "-n", ns, "-o", "json", "--show-managed-fields"));
        Assert.Equal("10", Json.At(i, "metadata.annotations")?["nginx.ingress.kubernetes.io/canary-weight"]?.ToString());
        Assert.Equal("true", Json.At(i, "metadata.annotations")?["nginx.ingress.kubernetes.io/canary"]?.ToString());
        Json.AssertValue(i, "spec.rules[0].host", "app.example.com");
        Json.AssertValue(i, "spec.rules[0].http.paths[0].backend.service.name", "my-app-v2");
        Json.AssertValue(i, "spec.rules[0].http.paths[0].pathType", "Prefix");
    }

    [Fact]
    public async Task NetworkPolicyAppliesWithDefaultPolicyTypes()
    {
        var ns = await _f.CreateNamespaceAsync("netpol");
        Assert.Contains("networkpolicy.networking.k8s.io/frontend-policy created",
            await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("networkpolicy.yaml")));
        var p = Json.ParseObject(await _f.KubectlOkAsync("get", "networkpolicy", "frontend-policy", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(p, "spec.podSelector.matchLabels.role", "frontend");
        Json.AssertValue(p, "spec.ingress[0].ports[0].port", "80");
        Json.AssertValue(p, "spec.policyTypes[0]", "Ingress");
    }

    [Fact]
    public async Task RestrictedPodAppliesWithPodDefaults()
    {
        var ns = await _f.CreateNamespaceAsync("pod");
        Assert.Contains("pod/restricted-demo created",
            await _f.KubectlOkAsync("apply", "-n", ns, "-f", Examples.PathOf("pod-security.yaml")));
        var p = Json.ParseObject(await _f.KubectlOkAsync("get", "pod", "restricted-demo", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(p, "spec.securityContext.runAsNonRoot", "true");
        Json.AssertValue(p, "spec.securityContext.seccompProfile.type", "RuntimeDefault");
        Json.AssertValue(p, "spec.containers[0].securityContext.capabilities.drop[0]", "ALL");
        Json.AssertValue(p, "spec.containers[0].securityContext.allowPrivilegeEscalation", "false");
        // No tag means :latest, and :latest means Always.
        Json.AssertValue(p, "spec.containers[0].imagePullPolicy", "Always");
        Json.AssertValue(p, "spec.restartPolicy", "Always");
        Json.AssertValue(p, "spec.dnsPolicy", "ClusterFirst");
        Json.AssertValue(p, "spec.terminationGracePeriodSeconds", "30");
        AssertServerMetadata(p, "kubectl-client-side-apply", expectGeneration: false);
    }

    [Fact]
    public async Task RbacRoleAndBindingApplyInDefault()
    {
        // rbac.yaml names namespace default itself, so it is applied exactly as the user would.
        var applied = await _f.KubectlOkAsync("apply", "-f", Examples.PathOf("rbac.yaml"));
        Assert.Matches("role.rbac.authorization.k8s.io/pod-reader (created|configured|unchanged)", applied);
        Assert.Matches("rolebinding.rbac.authorization.k8s.io/read-pods (created|configured|unchanged)", applied);
        var role = Json.ParseObject(await _f.KubectlOkAsync("get", "role", "pod-reader", "-n", "default", "-o", "json", "--show-managed-fields"));
        Json.AssertValue(role, "rules[0].resources[0]", "pods");
        Assert.Equal(3, (Json.At(role, "rules[0].verbs") as JsonArray)?.Count);
        var rb = Json.ParseObject(await _f.KubectlOkAsync("get", "rolebinding", "read-pods", "-n", "default", "-o", "json", "--show-managed-fields"));
        Json.AssertValue(rb, "roleRef.name", "pod-reader");
        Json.AssertValue(rb, "subjects[0].name", "jane");
    }

    [Fact]
    public async Task VpaCrdThenCustomResourceApply()
    {
        var crdOut = await _f.KubectlOkAsync("apply", "-f", Examples.PathOf("crds/vpa-crd.yaml"));
        Assert.Matches("customresourcedefinition.apiextensions.k8s.io/verticalpodautoscalers.autoscaling.k8s.io (created|configured|unchanged)", crdOut);

        var ns = await _f.CreateNamespaceAsync("vpa");
        // The new kind is served asynchronously in Kubernetes too: retry briefly while kubectl cannot map it yet.
        ProcessResult? last = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            last = await _f.KubectlAsync("apply", "-n", ns, "-f", Examples.PathOf("vpa.yaml"));
            if (last.Succeeded)
            {
                break;
            }
            await Task.Delay(500);
        }
        Assert.True(last!.Succeeded, $"vpa.yaml did not apply within 15 s:\n{last}\n{_f.Server.DescribeOutput(40)}");
        Assert.Contains("verticalpodautoscaler.autoscaling.k8s.io/my-app-vpa created", last.StdOut);

        var crd = Json.ParseObject(await _f.KubectlOkAsync("get", "crd", "verticalpodautoscalers.autoscaling.k8s.io", "-o", "json", "--show-managed-fields"));
        Json.AssertValue(crd, "status.acceptedNames.kind", "VerticalPodAutoscaler");
        var conditions = Json.At(crd, "status.conditions") as JsonArray;
        Assert.True(conditions?.Any(c => Json.Str(c, "type") == "Established" && Json.Str(c, "status") == "True") == true,
            "CRD is not Established: " + crd.ToJsonString());

        var vpa = Json.ParseObject(await _f.KubectlOkAsync("get", "vpa", "my-app-vpa", "-n", ns, "-o", "json", "--show-managed-fields"));
        Json.AssertValue(vpa, "apiVersion", "autoscaling.k8s.io/v1");
        Json.AssertValue(vpa, "kind", "VerticalPodAutoscaler");
        Json.AssertValue(vpa, "spec.updatePolicy.updateMode", "Auto");
        Json.AssertValue(vpa, "spec.targetRef.name", "my-app");

        var table = await _f.KubectlOkAsync("get", "verticalpodautoscalers", "-n", ns);
        Assert.Contains("my-app-vpa", table);

        var resources = await _f.KubectlOkAsync("api-resources", "--api-group=autoscaling.k8s.io");
        Assert.Matches(@"(?m)^verticalpodautoscalers\s+vpa\s+autoscaling\.k8s\.io/v1\s+true\s+VerticalPodAutoscaler\s*$", resources);
        AssertServerMetadata(vpa, "kubectl-client-side-apply");
    }

    /// <summary>Guards "every manifest": a new example in shared/examples must get a test here.</summary>
    [Fact]
    public void EveryExampleManifestIsCovered()
    {
        var covered = new HashSet<string>
        {
            "web.yaml", "mysql-statefulset.yaml", "wordpress-deployment.yaml", "wordpress-service.yaml", "ingress-canary.yaml",
            "networkpolicy.yaml", "pod-security.yaml", "rbac.yaml", "vpa.yaml", "crds/vpa-crd.yaml",
        };
        var dir = Examples.Directory();
        var present = Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(dir, "*.yml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !f.StartsWith("compose/", StringComparison.Ordinal)) // docker-compose, not a Kubernetes manifest
            .ToList();
        var uncovered = present.Where(f => !covered.Contains(f)).ToList();
        Assert.True(uncovered.Count == 0, "example manifests without a test: " + string.Join(", ", uncovered));
    }

    /// <summary>Fields the server sets on every object it stores (kubectl hides managedFields unless --show-managed-fields).</summary>
    private static void AssertServerMetadata(JsonObject o, string expectedManager, bool expectGeneration = true)
    {
        var text = o.ToJsonString();
        Assert.True(Guid.TryParse(Json.Str(o, "metadata.uid"), out _), "metadata.uid is not a UUID: " + text);
        Assert.True(DateTimeOffset.TryParse(Json.Str(o, "metadata.creationTimestamp"), out _), "metadata.creationTimestamp missing: " + text);
        Assert.False(string.IsNullOrEmpty(Json.Str(o, "metadata.resourceVersion")), "metadata.resourceVersion missing: " + text);
        if (expectGeneration)
        {
            Json.AssertValue(o, "metadata.generation", "1");
        }
        var managed = Json.At(o, "metadata.managedFields") as JsonArray;
        Assert.True(managed is { Count: > 0 }, "metadata.managedFields missing: " + text);
        Assert.True(managed!.Any(m => Json.Str(m, "manager") == expectedManager),
            $"no managedFields entry for manager {expectedManager}: {text}");
        Assert.True(managed.All(m => Json.At(m, "fieldsV1") is JsonObject && Json.Str(m, "fieldsType") == "FieldsV1"),
            "managedFields entries lack fieldsType FieldsV1 / fieldsV1: " + text);
    }
}
