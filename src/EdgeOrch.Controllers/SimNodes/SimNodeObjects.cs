using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers.SimNodes;

/// <summary>The Node, Lease and pod status objects a simulated node reports, shaped like a kubelet's.</summary>
internal static class SimNodeObjects
{
    public const string SimulatedLabel = "node.edgeorch.io/simulated";
    public const string KubeletVersion = "v1.32.4";

    public static string Arch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        _ => "amd64",
    };

    /// <summary>Node i gets pod range 10.(244 + i / 256).(i % 256).0/24 and address 172.16.0.1 + i.</summary>
    public static string PodCidr(int index) => string.Create(CultureInfo.InvariantCulture, $"10.{244 + index / 256}.{index % 256}.0/24");

    public static string PodIp(int nodeIndex, int podOrdinal) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{244 + nodeIndex / 256}.{nodeIndex % 256}.{2 + podOrdinal % 253}");

    public static string NodeIp(int index)
    {
        var n = index + 1;
        return string.Create(CultureInfo.InvariantCulture, $"172.{16 + n / 65536 % 16}.{n / 256 % 256}.{n % 256}");
    }

    public static JsonObject Node(SimNodeOptions options, int index, DateTimeOffset now)
    {
        var name = options.NodeName(index);
        var resources = new JsonObject
        {
            ["cpu"] = options.Cpu,
            ["memory"] = options.Memory,
            ["pods"] = options.Pods.ToString(CultureInfo.InvariantCulture),
            ["ephemeral-storage"] = "20Gi",
        };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = Arch,
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = Arch,
                    [SimulatedLabel] = "true",
                },
            },
            ["spec"] = new JsonObject
            {
                ["podCIDR"] = PodCidr(index),
                ["podCIDRs"] = new JsonArray(PodCidr(index)),
            },
            ["status"] = Status(options, index, resources, now),
        };
    }

    private static JsonObject Status(SimNodeOptions options, int index, JsonObject resources, DateTimeOffset now)
    {
        var name = options.NodeName(index);
        var id = Guid.NewGuid().ToString("N");
        return new JsonObject
        {
            ["capacity"] = resources,
            ["allocatable"] = resources.DeepClone(),
            ["conditions"] = Conditions(now),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = NodeIp(index) },
                new JsonObject { ["type"] = "Hostname", ["address"] = name }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = id,
                ["systemUUID"] = id,
                ["bootID"] = Guid.NewGuid().ToString(),
                ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                ["osImage"] = "EdgeOrch simulated node",
                ["containerRuntimeVersion"] = "sim://1.0.0",
                ["kubeletVersion"] = KubeletVersion,
                ["kubeProxyVersion"] = KubeletVersion,
                ["operatingSystem"] = "linux",
                ["architecture"] = Arch,
            },
        };
    }

    /// <summary>A healthy kubelet's four conditions, with its reasons and messages.</summary>
    public static JsonArray Conditions(DateTimeOffset now)
    {
        var stamp = JsonRead.Timestamp(now);
        JsonObject C(string type, string status, string reason, string message) => new()
        {
            ["type"] = type, ["status"] = status, ["lastHeartbeatTime"] = stamp, ["lastTransitionTime"] = stamp,
            ["reason"] = reason, ["message"] = message,
        };
        return new JsonArray(
            C("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            C("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            C("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            C("Ready", "True", "KubeletReady", "kubelet is posting ready status"));
    }

    /// <summary>coordination.k8s.io/v1 Lease in kube-node-lease, owned by its Node (as the kubelet makes it).</summary>
    public static JsonObject Lease(string node, string? nodeUid, DateTimeOffset now, int durationSeconds = 40)
    {
        var meta = new JsonObject { ["name"] = node, ["namespace"] = "kube-node-lease" };
        if (nodeUid is not null)
            meta["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node, ["uid"] = nodeUid,
            });
        return new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = node,
                ["leaseDurationSeconds"] = durationSeconds,
                ["renewTime"] = MicroTime(now),
            },
        };
    }

    /// <summary>Kubernetes' MicroTime wire format (lease renewTime).</summary>
    public static string MicroTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The status a kubelet reports once all containers run: Running, all conditions True, IPs, container states.</summary>
    public static JsonObject RunningStatus(JsonObject pod, string hostIp, string podIp, DateTimeOffset now)
    {
        var stamp = JsonRead.Timestamp(now);
        var start = pod.Obj("status").Str("startTime") ?? stamp;
        JsonObject C(string type) => new() { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = stamp };
        var statuses = new JsonArray();
        foreach (var c in pod.Obj("spec").Arr("containers").Objects())
        {
            statuses.Add((JsonNode)new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["imageID"] = "",
                ["containerID"] = "sim://" + Guid.NewGuid().ToString("N"),
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = start } },
            });
        }
        return new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(C("PodReadyToStartContainers"), C("Initialized"), C("Ready"), C("ContainersReady"), C("PodScheduled")),
            ["hostIP"] = hostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp }),
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = start,
            ["containerStatuses"] = statuses,
        };
    }

    /// <summary>True when the pod already shows what <see cref="RunningStatus"/> would report.</summary>
    public static bool IsReportedRunning(JsonObject pod)
    {
        var status = pod.Obj("status");
        return status.Str("phase") == "Running" && !string.IsNullOrEmpty(status.Str("podIP")) &&
               status.Arr("conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");
    }
}
