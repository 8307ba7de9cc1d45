using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>Decodes bodies real kubectl sent (see <see cref="KubectlFixtures"/>) and checks the command-line values.</summary>
public sealed class KubectlCaptureTests
{
    private static JsonObject Decode(string base64)
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(base64), out var unknown);
        Assert.Empty(unknown);
        return json;
    }

    private static string? Str(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public void Namespace_HasNameAndEnvelopeTypeAndNoZeroNoise()
    {
        var ns = Decode(KubectlFixtures.Namespace);
        Assert.Equal("v1", Str(ns["apiVersion"]));
        Assert.Equal("Namespace", Str(ns["kind"]));
        var metadata = ns["metadata"]!.AsObject();
        Assert.Equal("t2", Str(metadata["name"]));
        // gogo-protobuf wrote generateName "", uid "", generation 0 and an empty creationTimestamp; JSON omits them.
        Assert.Equal(["name"], metadata.Select(p => p.Key));
        Assert.Equal("{}", ns["spec"]!.ToJsonString());
    }

    [Fact]
    public void ConfigMap_FromLiteral_HasData()
    {
        var cm = Decode(KubectlFixtures.Configmap);
        Assert.Equal("ConfigMap", Str(cm["kind"]));
        Assert.Equal("ns1", Str(cm["metadata"]!["namespace"]));
        Assert.Equal("""{"a":"1","b":"two"}""", cm["data"]!.ToJsonString());
        Assert.Null(cm["immutable"]);
    }

    [Fact]
    public void ConfigMap_FromBinaryFile_UsesBinaryDataBase64()
    {
        var cm = Decode(KubectlFixtures.ConfigmapBin);
        Assert.Equal("text\n", Str(cm["data"]!["t.txt"]));
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 1, 0xff, 0xfe }), Str(cm["binaryData"]!["blob"]));
    }

    [Fact]
    public void Secret_Generic_DataIsBase64()
    {
        var secret = Decode(KubectlFixtures.Secret);
        Assert.Equal("Secret", Str(secret["kind"]));
        Assert.Equal(Convert.ToBase64String("admin"u8.ToArray()), Str(secret["data"]!["user"]));
        Assert.Equal(Convert.ToBase64String("s3cr3t"u8.ToArray()), Str(secret["data"]!["pass"]));
    }

    [Fact]
    public void Secret_DockerRegistry_HasTypeAndDockerConfig()
    {
        var secret = Decode(KubectlFixtures.SecretTlsDocker);
        Assert.Equal("kubernetes.io/dockerconfigjson", Str(secret["type"]));
        var config = JsonNode.Parse(Convert.FromBase64String(Str(secret["data"]![".dockerconfigjson"])!))!;
        Assert.Equal("u", Str(config["auths"]!["r.example"]!["username"]));
    }

    [Fact]
    public void ServiceAccount_HasName()
    {
        var sa = Decode(KubectlFixtures.Serviceaccount);
        Assert.Equal("ServiceAccount", Str(sa["kind"]));
        Assert.Equal("sa1", Str(sa["metadata"]!["name"]));
        Assert.Null(sa["automountServiceAccountToken"]);
    }

    [Fact]
    public void Service_ClusterIp_PortsSelectorAndTargetPortNumber()
    {
        var svc = Decode(KubectlFixtures.Service);
        var spec = svc["spec"]!;
        Assert.Equal("ClusterIP", Str(spec["type"]));
        var port = spec["ports"]![0]!;
        Assert.Equal("80-8080", Str(port["name"]));
        Assert.Equal("TCP", Str(port["protocol"]));
        Assert.Equal(80, port["port"]!.GetValue<int>());
        Assert.Equal(8080, port["targetPort"]!.GetValue<int>());
        Assert.Equal("svc1", Str(spec["selector"]!["app"]));
    }

    [Fact]
    public void Service_NodePortExternalNameLoadBalancerHeadless()
    {
        var np = Decode(KubectlFixtures.ServiceNp)["spec"]!;
        Assert.Equal("NodePort", Str(np["type"]));
        Assert.Equal(30080, np["ports"]![0]!["nodePort"]!.GetValue<int>());

        var ext = Decode(KubectlFixtures.ServiceExt)["spec"]!;
        Assert.Equal("ExternalName", Str(ext["type"]));
        Assert.Equal("example.com", Str(ext["externalName"]));

        var lb = Decode(KubectlFixtures.ServiceLb)["spec"]!;
        Assert.Equal("LoadBalancer", Str(lb["type"]));
        Assert.Equal(8443, lb["ports"]![0]!["targetPort"]!.GetValue<int>());

        var headless = Decode(KubectlFixtures.ServiceHeadless)["spec"]!;
        Assert.Equal("None", Str(headless["clusterIP"]));
    }

    [Fact]
    public void Deployment_ReplicasSelectorTemplateAndPort()
    {
        var deploy = Decode(KubectlFixtures.Deployment);
        Assert.Equal("apps/v1", Str(deploy["apiVersion"]));
        Assert.Equal("Deployment", Str(deploy["kind"]));
        Assert.Equal("web", Str(deploy["metadata"]!["labels"]!["app"]));
        var spec = deploy["spec"]!;
        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
        Assert.Equal("web", Str(spec["selector"]!["matchLabels"]!["app"]));
        Assert.Equal("{}", spec["strategy"]!.ToJsonString());
        var template = spec["template"]!;
        Assert.Equal("web", Str(template["metadata"]!["labels"]!["app"]));
        var container = template["spec"]!["containers"]![0]!;
        Assert.Equal("nginx", Str(container["name"]));
        Assert.Equal("nginx:alpine", Str(container["image"]));
        Assert.Equal("""[{"containerPort":80}]""", container["ports"]!.ToJsonString());
        Assert.Null(container["stdin"]);
        Assert.Equal("{}", container["resources"]!.ToJsonString());
    }

    [Fact]
    public void Deployment_TwoImages_TwoContainers()
    {
        var containers = Decode(KubectlFixtures.DeploymentMulti)["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["nginx", "redis"], containers.Select(c => Str(c!["image"])));
    }

    [Fact]
    public void Job_CommandAndRestartPolicy()
    {
        var job = Decode(KubectlFixtures.Job);
        Assert.Equal("batch/v1", Str(job["apiVersion"]));
        var pod = job["spec"]!["template"]!["spec"]!;
        Assert.Equal("Never", Str(pod["restartPolicy"]));
        Assert.Equal("""["echo","hi"]""", pod["containers"]![0]!["command"]!.ToJsonString());
        Assert.Null(job["spec"]!["parallelism"]);
    }

    [Fact]
    public void CronJob_ScheduleAndJobTemplate()
    {
        var cj = Decode(KubectlFixtures.Cronjob);
        Assert.Equal("CronJob", Str(cj["kind"]));
        Assert.Equal("*/5 * * * *", Str(cj["spec"]!["schedule"]));
        var jobTemplate = cj["spec"]!["jobTemplate"]!;
        Assert.Equal("cj1", Str(jobTemplate["metadata"]!["name"]));
        var pod = jobTemplate["spec"]!["template"]!["spec"]!;
        Assert.Equal("OnFailure", Str(pod["restartPolicy"]));
        Assert.Equal("""["date"]""", pod["containers"]![0]!["command"]!.ToJsonString());
    }

    [Fact]
    public void Role_RulesPerApiGroup()
    {
        var role = Decode(KubectlFixtures.Role);
        Assert.Equal("rbac.authorization.k8s.io/v1", Str(role["apiVersion"]));
        var rules = role["rules"]!.AsArray();
        Assert.Contains(rules, r => r!["resources"]![0]!.GetValue<string>() == "pods" && r["apiGroups"]![0]!.GetValue<string>() == "");
        Assert.Contains(rules, r => r!["resources"]![0]!.GetValue<string>() == "deployments" && r["apiGroups"]![0]!.GetValue<string>() == "apps");
        Assert.All(rules, r => Assert.Equal("""["get","list"]""", r!["verbs"]!.ToJsonString()));
    }

    [Fact]
    public void ClusterRole_ResourceNamesNonResourceUrlsAndAggregation()
    {
        var named = Decode(KubectlFixtures.Clusterrole);
        Assert.Equal("ClusterRole", Str(named["kind"]));
        Assert.All(named["rules"]!.AsArray(), r => Assert.Equal("""["n1"]""", r!["resourceNames"]!.ToJsonString()));

        var nonResource = Decode(KubectlFixtures.ClusterroleNr);
        Assert.Equal("""["/healthz","/logs/*"]""", nonResource["rules"]![0]!["nonResourceURLs"]!.ToJsonString());

        var aggregated = Decode(KubectlFixtures.ClusterroleAgg);
        Assert.Equal("true",
            Str(aggregated["aggregationRule"]!["clusterRoleSelectors"]![0]!["matchLabels"]!["rbac.example.com/aggregate"]));
    }

    [Fact]
    public void RoleBinding_SubjectsAndRoleRef()
    {
        var rb = Decode(KubectlFixtures.Rolebinding);
        Assert.Equal("""{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r1"}""", rb["roleRef"]!.ToJsonString());
        var subjects = rb["subjects"]!.AsArray();
        Assert.Equal(3, subjects.Count);
        Assert.Contains(subjects, s => Str(s!["kind"]) == "User" && Str(s["name"]) == "alice");
        Assert.Contains(subjects, s => Str(s!["kind"]) == "Group" && Str(s["name"]) == "devs");
        Assert.Contains(subjects, s => Str(s!["kind"]) == "ServiceAccount" && Str(s["name"]) == "sa1" && Str(s["namespace"]) == "ns1");

        var crb = Decode(KubectlFixtures.Clusterrolebinding);
        Assert.Equal("ClusterRole", Str(crb["roleRef"]!["kind"]));
        Assert.Equal("bob", Str(crb["subjects"]![0]!["name"]));
    }

    [Fact]
    public void Ingress_RulesPathsBackendsTlsAndClass()
    {
        var ing = Decode(KubectlFixtures.Ingress);
        var spec = ing["spec"]!;
        Assert.Equal("nginx", Str(spec["ingressClassName"]));
        Assert.Equal("""{"service":{"name":"defsvc","port":{"number":80}}}""", spec["defaultBackend"]!.ToJsonString());
        Assert.Equal("""[{"hosts":["foo.com"],"secretName":"my-cert"}]""", spec["tls"]!.ToJsonString());
        var first = spec["rules"]![0]!;
        Assert.Equal("foo.com", Str(first["host"]));
        var path = first["http"]!["paths"]![0]!;
        Assert.Equal("/bar", Str(path["path"]));
        Assert.Equal("Prefix", Str(path["pathType"]));
        Assert.Equal("svc1", Str(path["backend"]!["service"]!["name"]));
        Assert.Equal(8080, path["backend"]!["service"]!["port"]!["number"]!.GetValue<int>());
        var second = spec["rules"]![1]!["http"]!["paths"]![0]!;
        Assert.Equal("Exact", Str(second["pathType"]));
        Assert.Equal("http", Str(second["backend"]!["service"]!["port"]!["name"]));

        var annotated = Decode(KubectlFixtures.IngressAnnot);
        Assert.Equal("/", Str(annotated["metadata"]!["annotations"]!["ingress.kubernetes.io/rewrite"]));
        Assert.Null(annotated["spec"]!["rules"]![0]!["host"]);
    }

    [Fact]
    public void PriorityClass_ValueDescriptionPolicy()
    {
        var pc = Decode(KubectlFixtures.Priorityclass);
        Assert.Equal("scheduling.k8s.io/v1", Str(pc["apiVersion"]));
        Assert.Equal(1000, pc["value"]!.GetValue<int>());
        Assert.Equal("high prio", Str(pc["description"]));
        Assert.Equal("Never", Str(pc["preemptionPolicy"]));
        Assert.Null(pc["globalDefault"]);
    }

    [Fact]
    public void PodDisruptionBudget_IntAndPercentIntOrString()
    {
        var min = Decode(KubectlFixtures.Pdb)["spec"]!;
        Assert.Equal(1, min["minAvailable"]!.GetValue<int>());
        Assert.Equal("web", Str(min["selector"]!["matchLabels"]!["app"]));

        var max = Decode(KubectlFixtures.PdbMax)["spec"]!;
        Assert.Equal("50%", Str(max["maxUnavailable"]));
        Assert.Null(max["minAvailable"]);
    }

    [Fact]
    public void ResourceQuota_HardQuantitiesAndScopes()
    {
        var quota = Decode(KubectlFixtures.Quota);
        Assert.Equal("""{"cpu":"1","memory":"1Gi","pods":"10"}""", quota["spec"]!["hard"]!.ToJsonString());
        Assert.Equal("""["BestEffort"]""", quota["spec"]!["scopes"]!.ToJsonString());
    }

    [Fact]
    public void TokenRequest_Decodes()
    {
        var token = Decode(KubectlFixtures.Token);
        Assert.Equal("authentication.k8s.io/v1", Str(token["apiVersion"]));
        Assert.Equal("TokenRequest", Str(token["kind"]));
    }

    [Fact]
    public void DryRunNamespace_SameBodyShape()
    {
        Assert.Equal("dr", Str(Decode(KubectlFixtures.Dryrun)["metadata"]!["name"]));
    }
}
