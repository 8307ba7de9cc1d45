using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Tests.Scheduler;

/// <summary>Small builders for the nodes and pods the scheduler tests need.</summary>
internal static class Objects
{
    public static JsonObject Node(string name, string cpu = "4", string memory = "8Gi", string pods = "110",
        Dictionary<string, string>? labels = null, JsonArray? taints = null, bool unschedulable = false, string? ephemeral = null)
    {
        var labelObject = new JsonObject { ["kubernetes.io/hostname"] = name };
        foreach (var (k, v) in labels ?? [])
            labelObject[k] = v;
        var allocatable = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods };
        if (ephemeral is not null)
            allocatable["ephemeral-storage"] = ephemeral;
        var spec = new JsonObject();
        if (taints is not null) spec["taints"] = taints;
        if (unschedulable) spec["unschedulable"] = true;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labelObject },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["allocatable"] = allocatable, ["capacity"] = allocatable.DeepClone() },
        };
    }

    public static JsonObject Pod(string name, string? cpu = null, string? memory = null, string? node = null,
        Dictionary<string, string>? labels = null, long? priority = null, string ns = "default", string image = "nginx")
    {
        var requests = new JsonObject();
        if (cpu is not null) requests["cpu"] = cpu;
        if (memory is not null) requests["memory"] = memory;
        var labelObject = new JsonObject();
        foreach (var (k, v) in labels ?? [])
            labelObject[k] = v;
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "c",
                ["image"] = image,
                ["resources"] = new JsonObject { ["requests"] = requests },
            }),
            ["schedulerName"] = "default-scheduler",
        };
        if (node is not null) spec["nodeName"] = node;
        if (priority is not null) spec["priority"] = priority;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labelObject, ["uid"] = "uid-" + name },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = node is null ? "Pending" : "Running" },
        };
    }

    public static JsonObject With(this JsonObject o, string path, string json)
    {
        var parts = path.Split('.');
        var target = o;
        foreach (var p in parts[..^1])
            target = target[p] as JsonObject ?? (JsonObject)(target[p] = new JsonObject());
        target[parts[^1]] = JsonNode.Parse(json);
        return o;
    }

    public static JsonArray Taint(string key, string value, string effect) =>
        new(new JsonObject { ["key"] = key, ["value"] = value, ["effect"] = effect });
}
