using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>Bodies encoded by hand for fields kubectl's create commands do not exercise.</summary>
public sealed class HandEncodedTests
{
    private static JsonObject Decode(byte[] body)
    {
        var json = KubernetesProtobuf.Decode(body, out var unknown);
        Assert.Empty(unknown);
        return json;
    }

    [Fact]
    public void Pod_ContainersEnvProbesVolumesAndScheduling()
    {
        var body = ProtoWriter.Envelope("v1", "Pod", pod => pod
            .Message(1, m => m.String(1, "p").String(3, "ns1").Entry(11, "run", "p"))
            .Message(2, spec => spec
                .Message(1, v => v.String(1, "data").Message(2, src => src.Message(2, e => e.String(1, "Memory"))))
                .Message(1, v => v.String(1, "cfg").Message(2, src => src.Message(19, c => c
                    .Message(1, r => r.String(1, "app-config"))
                    .Message(2, i => i.String(1, "k").String(2, "k.txt").Varint(3, 0))
                    .Varint(3, 420))))
                .Message(1, v => v.String(1, "host").Message(2, src => src.Message(1, h => h.String(1, "/var/log").String(2, ""))))
                .Message(1, v => v.String(1, "claim").Message(2, src => src.Message(10, c => c.String(1, "pvc1").Bool(2, false))))
                .Message(1, v => v.String(1, "proj").Message(2, src => src.Message(26, p => p
                    .Message(1, s => s.Message(4, t => t.String(1, "api").Varint(2, 3600).String(3, "token")))
                    .Message(1, s => s.Message(1, sec => sec.Message(1, r => r.String(1, "creds")).Bool(4, true))))))
                .Message(2, c => c
                    .String(1, "main").String(2, "busybox:1.36")
                    .String(3, "sh").String(3, "-c").String(4, "sleep 1")
                    .Message(6, p => p.String(1, "http").Varint(3, 8080).String(4, "TCP"))
                    .Message(7, e => e.String(1, "FOO").String(2, "bar"))
                    .Message(7, e => e.String(1, "EMPTY").String(2, ""))
                    .Message(7, e => e.String(1, "NODE").Message(3, s => s.Message(1, f => f.String(1, "v1").String(2, "spec.nodeName"))))
                    .Message(7, e => e.String(1, "PASS").Message(3, s => s.Message(4, k => k.Message(1, r => r.String(1, "db")).String(2, "password"))))
                    .Message(19, f => f.String(1, "CFG_").Message(2, c2 => c2.Message(1, r => r.String(1, "app-config"))))
                    .Message(8, r => r.QuantityEntry(1, "cpu", "500m").QuantityEntry(1, "memory", "128Mi").QuantityEntry(2, "cpu", "100m"))
                    .Message(9, m => m.String(1, "data").Bool(2, true).String(3, "/data"))
                    .Message(10, p => p.Message(1, h => h.Message(2, g => g.String(1, "/healthz").Message(2, port => port.Varint(1, 1).String(3, "http"))))
                        .Varint(2, 5).Varint(4, 10))
                    .Message(11, p => p.Message(1, h => h.Message(3, t => t.Message(1, port => port.Varint(2, 8080)))))
                    .Message(15, s => s.Bool(2, false).Varint(4, 1000).Bool(5, true)
                        .Message(1, caps => caps.String(2, "ALL")))
                    .String(14, "IfNotPresent").Bool(16, true).Bool(18, true))
                .String(3, "Never").Varint(4, 0).String(6, "ClusterFirst").Entry(7, "disk", "ssd")
                .Message(22, t => t.String(1, "dedicated").String(2, "Equal").String(3, "edge").String(4, "NoSchedule").Varint(5, 60))
                .Message(18, a => a.Message(1, n => n.Message(1, sel => sel.Message(1, term => term.Message(1, r => r
                    .String(1, "kubernetes.io/arch").String(2, "In").String(3, "arm64"))))))
                .Bool(30, false)));

        var pod = Decode(body);
        Assert.Equal("Pod", pod["kind"]!.GetValue<string>());
        var spec = pod["spec"]!;
        Assert.Equal("Never", spec["restartPolicy"]!.GetValue<string>());
        Assert.Equal(0, spec["terminationGracePeriodSeconds"]!.GetValue<long>());
        Assert.False(spec["enableServiceLinks"]!.GetValue<bool>());
        Assert.Equal("ssd", spec["nodeSelector"]!["disk"]!.GetValue<string>());
        Assert.Equal("""{"key":"dedicated","operator":"Equal","value":"edge","effect":"NoSchedule","tolerationSeconds":60}""",
            spec["tolerations"]![0]!.ToJsonString());
        Assert.Equal("arm64", spec["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!
            ["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["values"]![0]!.GetValue<string>());

        var volumes = spec["volumes"]!.AsArray();
        Assert.Equal("""{"name":"data","emptyDir":{"medium":"Memory"}}""", volumes[0]!.ToJsonString());
        Assert.Equal("""{"name":"cfg","configMap":{"name":"app-config","items":[{"key":"k","path":"k.txt","mode":0}],"defaultMode":420}}""",
            volumes[1]!.ToJsonString());
        Assert.Equal("""{"name":"host","hostPath":{"path":"/var/log","type":""}}""", volumes[2]!.ToJsonString());
        Assert.Equal("""{"name":"claim","persistentVolumeClaim":{"claimName":"pvc1"}}""", volumes[3]!.ToJsonString());
        Assert.Equal(
            """{"name":"proj","projected":{"sources":[{"serviceAccountToken":{"audience":"api","expirationSeconds":3600,"path":"token"}},{"secret":{"name":"creds","optional":true}}]}}""",
            volumes[4]!.ToJsonString());

        var c = spec["containers"]![0]!;
        Assert.Equal("""["sh","-c"]""", c["command"]!.ToJsonString());
        Assert.Equal("""["sleep 1"]""", c["args"]!.ToJsonString());
        Assert.Equal("""[{"name":"http","containerPort":8080,"protocol":"TCP"}]""", c["ports"]!.ToJsonString());
        var env = c["env"]!.AsArray();
        Assert.Equal("""{"name":"FOO","value":"bar"}""", env[0]!.ToJsonString());
        Assert.Equal("""{"name":"EMPTY"}""", env[1]!.ToJsonString());
        Assert.Equal("""{"name":"NODE","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}}""", env[2]!.ToJsonString());
        Assert.Equal("""{"name":"PASS","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}""", env[3]!.ToJsonString());
        Assert.Equal("""[{"prefix":"CFG_","configMapRef":{"name":"app-config"}}]""", c["envFrom"]!.ToJsonString());
        Assert.Equal("""{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"100m"}}""", c["resources"]!.ToJsonString());
        Assert.Equal("""[{"name":"data","readOnly":true,"mountPath":"/data"}]""", c["volumeMounts"]!.ToJsonString());
        Assert.Equal("""{"httpGet":{"path":"/healthz","port":"http"},"initialDelaySeconds":5,"periodSeconds":10}""",
            c["livenessProbe"]!.ToJsonString());
        Assert.Equal("""{"tcpSocket":{"port":8080}}""", c["readinessProbe"]!.ToJsonString());
        Assert.Equal("""{"privileged":false,"runAsUser":1000,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}""",
            c["securityContext"]!.ToJsonString());
        Assert.Equal("IfNotPresent", c["imagePullPolicy"]!.GetValue<string>());
        Assert.True(c["stdin"]!.GetValue<bool>());
        Assert.True(c["tty"]!.GetValue<bool>());
    }

    [Fact]
    public void ObjectMeta_FullWithManagedFieldsAndOwnerReferences()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm
            .Message(1, m => m
                .String(1, "cm").String(2, "cm-").String(3, "ns1").String(5, "1234-uid").String(6, "42").Varint(7, 3)
                .Message(8, t => t.Varint(1, 1_700_000_000))
                .Entry(11, "app", "web").Entry(12, "note", "hello")
                .Message(13, o => o.String(1, "Deployment").String(3, "web").String(4, "uid-1").String(5, "apps/v1").Bool(6, true).Bool(7, false))
                .String(14, "example.com/cleanup")
                .Message(17, f => f.String(1, "kubectl-create").String(2, "Update").String(3, "v1")
                    .Message(4, t => t.Varint(1, 1_700_000_000)).String(6, "FieldsV1")
                    .Message(7, raw => raw.String(1, """{"f:data":{".":{},"f:a":{}}}""")).String(8, "")))
            .Bool(4, false));

        var cm = Decode(body);
        var meta = cm["metadata"]!;
        Assert.Equal("cm-", meta["generateName"]!.GetValue<string>());
        Assert.Equal("1234-uid", meta["uid"]!.GetValue<string>());
        Assert.Equal("42", meta["resourceVersion"]!.GetValue<string>());
        Assert.Equal(3, meta["generation"]!.GetValue<long>());
        Assert.Equal("2023-11-14T22:13:20Z", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("hello", meta["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal("""[{"kind":"Deployment","name":"web","uid":"uid-1","apiVersion":"apps/v1","controller":true,"blockOwnerDeletion":false}]""",
            meta["ownerReferences"]!.ToJsonString());
        Assert.Equal("""["example.com/cleanup"]""", meta["finalizers"]!.ToJsonString());
        Assert.Equal(
            """[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2023-11-14T22:13:20Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}}}}]""",
            meta["managedFields"]!.ToJsonString());
        // immutable is a *bool: present on the wire means set, even to false.
        Assert.False(cm["immutable"]!.GetValue<bool>());
    }

    [Fact]
    public void Secret_StringDataTypeAndImmutable()
    {
        var body = ProtoWriter.Envelope("v1", "Secret", s => s
            .Message(1, m => m.String(1, "s"))
            .Entry(4, "token", "abc")
            .Message(2, e => e.String(1, "bin").Bytes(2, [0xde, 0xad]))
            .String(3, "Opaque")
            .Bool(5, true));
        var secret = Decode(body);
        Assert.Equal("abc", secret["stringData"]!["token"]!.GetValue<string>());
        Assert.Equal("3q0=", secret["data"]!["bin"]!.GetValue<string>());
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.True(secret["immutable"]!.GetValue<bool>());
    }

    [Fact]
    public void Deployment_StrategyWithIntOrStringAndPointers()
    {
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", d => d
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s
                .Varint(1, 0)
                .Message(4, st => st.String(1, "RollingUpdate").Message(2, r => r
                    .Message(1, u => u.Varint(1, 1).String(3, "25%"))
                    .Message(2, u => u.Varint(1, 0).Varint(2, 1))))
                .Varint(6, 5).Bool(7, true).Varint(9, 600)));
        var spec = Decode(body)["spec"]!;
        Assert.Equal(0, spec["replicas"]!.GetValue<int>());
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}""", spec["strategy"]!.ToJsonString());
        Assert.Equal(5, spec["revisionHistoryLimit"]!.GetValue<int>());
        Assert.True(spec["paused"]!.GetValue<bool>());
        Assert.Equal(600, spec["progressDeadlineSeconds"]!.GetValue<int>());
    }

    [Fact]
    public void DeleteOptions_AnyGroupVersion()
    {
        var body = ProtoWriter.Envelope("apps/v1", "DeleteOptions", o => o
            .Varint(1, 0).String(4, "Foreground").String(5, "All")
            .Message(2, p => p.String(1, "uid-1")));
        var options = Decode(body);
        Assert.Equal("DeleteOptions", options["kind"]!.GetValue<string>());
        Assert.Equal(0, options["gracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal("Foreground", options["propagationPolicy"]!.GetValue<string>());
        Assert.Equal("""["All"]""", options["dryRun"]!.ToJsonString());
        Assert.Equal("""{"uid":"uid-1"}""", options["preconditions"]!.ToJsonString());
    }

    [Fact]
    public void Scale_ReplicasAndSelector()
    {
        var body = ProtoWriter.Envelope("autoscaling/v1", "Scale", s => s
            .Message(1, m => m.String(1, "web").String(3, "ns1"))
            .Message(2, spec => spec.Varint(1, 3))
            .Message(3, st => st.Varint(1, 0).String(2, "app=web")));
        var scale = Decode(body);
        Assert.Equal(3, scale["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("""{"replicas":0,"selector":"app=web"}""", scale["status"]!.ToJsonString());
    }

    [Fact]
    public void NegativeInt32_IsSignExtendedOnTheWire()
    {
        var body = ProtoWriter.Envelope("scheduling.k8s.io/v1", "PriorityClass", p => p
            .Message(1, m => m.String(1, "low")).Varint(2, -5));
        Assert.Equal(-5, Decode(body)["value"]!.GetValue<int>());
    }

    [Fact]
    public void UnknownField_IsSkippedAndReported()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", n => n
            .Message(1, m => m.String(1, "x").String(99, "future"))
            .Varint(42, 7));
        var ns = KubernetesProtobuf.Decode(body, out var unknown);
        Assert.Equal("x", ns["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(2, unknown.Count);
        Assert.Contains(unknown, u => u.StartsWith("metadata: ObjectMeta field 99", StringComparison.Ordinal));
        Assert.Contains(unknown, u => u.StartsWith("(root): Namespace field 42", StringComparison.Ordinal));
    }

    [Fact]
    public void PackedRepeatedNumbers_AreAccepted()
    {
        var packed = new ProtoWriter().Raw(0x03, 0x8E, 0x02).ToArray(); // 3, 270
        var body = ProtoWriter.Envelope("v1", "Pod", p => p.Message(2, s => s
            .Message(14, sc => sc.Bytes(4, packed))));
        Assert.Equal("[3,270]", Decode(body)["spec"]!["securityContext"]!["supplementalGroups"]!.ToJsonString());
    }
}
