using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Tests;

public sealed class KindDefaultsTests
{
    private static JsonObject Defaulted(string kind, string json)
    {
        var obj = Manifests.Json(json);
        ObjectDefaulter.Apply(Manifests.Builtin(kind), obj);
        return obj;
    }

    [Fact]
    public void JobDefaults()
    {
        var job = Defaulted("Job", """{"metadata":{"name":"j"},"spec":{"template":{"metadata":{"labels":{"app":"j"}},"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"x"}]}}}}""");
        var spec = job["spec"]!;
        Assert.Equal((1, 1, 6), ((int)spec["completions"]!, (int)spec["parallelism"]!, (int)spec["backoffLimit"]!));
        Assert.Equal(("NonIndexed", false, "TerminatingOrFailed"), ((string)spec["completionMode"]!, (bool)spec["suspend"]!, (string)spec["podReplacementPolicy"]!));
        Assert.Equal("""{"app":"j"}""", job["metadata"]!["labels"]!.ToJsonString());
        // Defaulted numbers read like parsed ones: as int, long or double.
        Assert.Equal((6L, 6.0), (spec["backoffLimit"]!.GetValue<long>(), spec["backoffLimit"]!.GetValue<double>()));
    }

    [Fact]
    public void JobWithParallelismOnlyLeavesCompletionsUnset()
    {
        var job = Defaulted("Job", """{"metadata":{"name":"j"},"spec":{"parallelism":3,"template":{"spec":{"containers":[]}}}}""");
        Assert.Null(job["spec"]!["completions"]);
        Assert.Equal(3, (int)job["spec"]!["parallelism"]!);
    }

    [Fact]
    public void CronJobDefaultsAndItsPodTemplate()
    {
        var cj = Defaulted("CronJob", """{"metadata":{"name":"c"},"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}}}}}""");
        var spec = cj["spec"]!;
        Assert.Equal(("Allow", false, 3, 1), ((string)spec["concurrencyPolicy"]!, (bool)spec["suspend"]!, (int)spec["successfulJobsHistoryLimit"]!, (int)spec["failedJobsHistoryLimit"]!));
        Assert.Equal("Always", (string?)spec["jobTemplate"]!["spec"]!["template"]!["spec"]!["restartPolicy"]);
        Assert.Null(spec["jobTemplate"]!["spec"]!["backoffLimit"]);
    }

    [Fact]
    public void DaemonSetAndReplicaSetDefaults()
    {
        var ds = Defaulted("DaemonSet", """{"metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[]}}}}""");
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}""", ds["spec"]!["updateStrategy"]!.ToJsonString());
        Assert.Equal(10, (int)ds["spec"]!["revisionHistoryLimit"]!);
        var rs = Defaulted("ReplicaSet", """{"metadata":{"name":"r"},"spec":{}}""");
        Assert.Equal(1, (int)rs["spec"]!["replicas"]!);
    }

    [Fact]
    public void RecreateDeploymentGetsNoRollingUpdate()
    {
        var d = Defaulted("Deployment", """{"metadata":{"name":"d"},"spec":{"strategy":{"type":"Recreate"}}}""");
        Assert.Equal("""{"type":"Recreate"}""", d["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void StatefulSetClaimTemplatesAreDefaulted()
    {
        var s = Defaulted("StatefulSet", """{"metadata":{"name":"s"},"spec":{"volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1024Mi"}}}}]}}""");
        var claim = s["spec"]!["volumeClaimTemplates"]![0]!;
        Assert.Equal(("v1", "PersistentVolumeClaim", "Filesystem", "Pending", "1Gi"),
            ((string)claim["apiVersion"]!, (string)claim["kind"]!, (string)claim["spec"]!["volumeMode"]!, (string)claim["status"]!["phase"]!, (string)claim["spec"]!["resources"]!["requests"]!["storage"]!));
    }

    [Fact]
    public void ServiceTargetPortTypeAndAffinity()
    {
        var svc = Defaulted("Service", """{"metadata":{"name":"s"},"spec":{"sessionAffinity":"ClientIP","ports":[{"port":8080},{"port":9090,"targetPort":"metrics"}]}}""");
        var spec = svc["spec"]!;
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        Assert.Equal(("TCP", 8080, "metrics"), ((string)spec["ports"]![0]!["protocol"]!, (int)spec["ports"]![0]!["targetPort"]!, (string)spec["ports"]![1]!["targetPort"]!));
        Assert.Equal(10800, (int)spec["sessionAffinityConfig"]!["clientIP"]!["timeoutSeconds"]!);
        Assert.Null(spec["externalTrafficPolicy"]);
        Assert.Null(spec["allocateLoadBalancerNodePorts"]);
        Assert.Equal("Cluster", (string?)spec["internalTrafficPolicy"]);
    }

    [Fact]
    public void ServiceHooksAllocateAndPreserve()
    {
        var svc = Defaulted("Service", """{"metadata":{"name":"s"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        Assert.True(ServiceDefaults.NeedsClusterIP(svc));
        ServiceDefaults.AssignClusterIP(svc, "10.43.0.10");
        var port = Assert.Single(ServiceDefaults.PortsNeedingNodePort(svc));
        port["nodePort"] = 30080;
        Assert.Equal([30080L], ServiceDefaults.AllocatedNodePorts(svc));

        var reapplied = Defaulted("Service", """{"metadata":{"name":"s"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        ServiceDefaults.PreserveAllocated(reapplied, svc);
        Assert.Equal("10.43.0.10", (string?)reapplied["spec"]!["clusterIP"]);
        Assert.Equal("""["10.43.0.10"]""", reapplied["spec"]!["clusterIPs"]!.ToJsonString());
        Assert.Equal(30080, (int)reapplied["spec"]!["ports"]![0]!["nodePort"]!);
        Assert.False(ServiceDefaults.NeedsClusterIP(reapplied));

        var headless = Defaulted("Service", """{"metadata":{"name":"h"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
        Assert.False(ServiceDefaults.NeedsClusterIP(headless));
        Assert.Equal("""["None"]""", headless["spec"]!["clusterIPs"]!.ToJsonString());
    }

    [Fact]
    public void CoreKindDefaults()
    {
        Assert.Equal("Opaque", (string?)Defaulted("Secret", """{"metadata":{"name":"s"}}""")["type"]);
        var secret = Defaulted("Secret", """{"metadata":{"name":"s"},"stringData":{"k":"v"}}""");
        Assert.Equal("""{"k":"dg=="}""", secret["data"]!.ToJsonString());
        Assert.Null(secret["stringData"]);

        var ns = Defaulted("Namespace", """{"metadata":{"name":"team"}}""");
        Assert.Equal("""{"name":"team","labels":{"kubernetes.io/metadata.name":"team"}}""", ns["metadata"]!.ToJsonString());
        Assert.Equal("""{"finalizers":["kubernetes"]}""", ns["spec"]!.ToJsonString());
        Assert.Equal("Active", (string?)ns["status"]!["phase"]);

        var pv = Defaulted("PersistentVolume", """{"metadata":{"name":"pv"},"spec":{"capacity":{"storage":"1Gi"},"hostPath":{"path":"/d"}}}""");
        Assert.Equal(("Retain", "Filesystem", "Pending"), ((string)pv["spec"]!["persistentVolumeReclaimPolicy"]!, (string)pv["spec"]!["volumeMode"]!, (string)pv["status"]!["phase"]!));
        var pvc = Defaulted("PersistentVolumeClaim", """{"metadata":{"name":"c"},"spec":{}}""");
        Assert.Equal("Filesystem", (string?)pvc["spec"]!["volumeMode"]);
    }

    [Fact]
    public void ClusterKindDefaults()
    {
        Assert.Equal("PreemptLowerPriority", (string?)Defaulted("PriorityClass", """{"metadata":{"name":"p"},"value":10}""")["preemptionPolicy"]);
        var np = Defaulted("NetworkPolicy", """{"metadata":{"name":"n"},"spec":{"podSelector":{},"egress":[{}]}}""");
        Assert.Equal("""["Ingress","Egress"]""", np["spec"]!["policyTypes"]!.ToJsonString());
        var crb = Defaulted("ClusterRoleBinding", """{"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"r"},"subjects":[{"kind":"Group","name":"g"},{"kind":"ServiceAccount","name":"sa","namespace":"d"}]}""");
        Assert.Equal("rbac.authorization.k8s.io", (string?)crb["roleRef"]!["apiGroup"]);
        Assert.Equal("rbac.authorization.k8s.io", (string?)crb["subjects"]![0]!["apiGroup"]);
        Assert.Equal("", (string?)crb["subjects"]![1]!["apiGroup"]);
    }
}
