using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>core/v1 printers other than Pod and Service: Node, Namespace, ConfigMap, Secret, ServiceAccount, Event, PVC, PV.</summary>
internal static class CorePrinters
{
    public static readonly Printer Node = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Status", "Readiness of the node, and whether scheduling is disabled."),
            TableColumn.Str("Roles", "Roles from node-role.kubernetes.io/ labels."),
            TableColumn.Age,
            TableColumn.Str("Version", "Kubelet version of the node."),
            TableColumn.Str("Internal-IP", "First internal address of the node.", 1),
            TableColumn.Str("External-IP", "First external address of the node.", 1),
            TableColumn.Str("OS-Image", "Operating system image of the node.", 1),
            TableColumn.Str("Kernel-Version", "Kernel version of the node.", 1),
            TableColumn.Str("Container-Runtime", "Container runtime and version.", 1),
        ],
        (node, now) =>
        [
            Meta.Name(node),
            NodeStatus(node),
            NodeRoles(node),
            Meta.Age(node, now),
            Fields.Text(node, "status", "nodeInfo", "kubeletVersion"),
            NodeAddress(node, "InternalIP"),
            NodeAddress(node, "ExternalIP"),
            Unknown(Fields.Str(node, "status", "nodeInfo", "osImage")),
            Unknown(Fields.Str(node, "status", "nodeInfo", "kernelVersion")),
            Unknown(Fields.Str(node, "status", "nodeInfo", "containerRuntimeVersion")),
        ]);

    public static readonly Printer Namespace = new(
        [TableColumn.Name0, TableColumn.Str("Status", "Phase of the namespace."), TableColumn.Age],
        (ns, now) => [Meta.Name(ns), Fields.Text(ns, "status", "phase"), Meta.Age(ns, now)]);

    public static readonly Printer ConfigMap = new(
        [TableColumn.Name0, TableColumn.Str("Data", "Number of data and binaryData keys."), TableColumn.Age],
        (cm, now) => [Meta.Name(cm), (long)(Fields.Count(cm, "data") + Fields.Count(cm, "binaryData")), Meta.Age(cm, now)]);

    public static readonly Printer Secret = new(
        [TableColumn.Name0, TableColumn.Str("Type", "Type of the secret."), TableColumn.Str("Data", "Number of data keys."), TableColumn.Age],
        (s, now) => [Meta.Name(s), Fields.Text(s, "type"), (long)Fields.Count(s, "data"), Meta.Age(s, now)]);

    public static readonly Printer ServiceAccount = new(
        [TableColumn.Name0, TableColumn.Str("Secrets", "Number of secrets listed on the account."), TableColumn.Age],
        (sa, now) => [Meta.Name(sa), (long)Fields.Count(sa, "secrets"), Meta.Age(sa, now)]);

    public static readonly Printer Event = new(
        [
            TableColumn.Str("Last Seen", "Time since the event was last seen."),
            TableColumn.Str("Type", "Normal or Warning."),
            TableColumn.Str("Reason", "Short reason for the event."),
            TableColumn.Str("Object", "The object the event is about."),
            TableColumn.Str("Subobject", "Part of the object the event is about.", 1),
            TableColumn.Str("Source", "Component that reported the event.", 1),
            TableColumn.Str("Message", "Human-readable description."),
            TableColumn.Str("First Seen", "Time since the event was first seen.", 1),
            TableColumn.Str("Count", "Times the event occurred.", 1),
            new("Name", "string", "Name of the event.", 1, "name"),
        ],
        EventCells);

    public static readonly Printer PersistentVolumeClaim = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Status", "Phase of the claim."),
            TableColumn.Str("Volume", "The bound volume."),
            TableColumn.Str("Capacity", "Capacity of the bound volume."),
            TableColumn.Str("Access Modes", "Access modes of the bound volume."),
            TableColumn.Str("StorageClass", "Storage class of the claim."),
            TableColumn.Str("VolumeAttributesClass", "Volume attributes class of the claim."),
            TableColumn.Age,
            TableColumn.Str("VolumeMode", "Filesystem or Block.", 1),
        ],
        (pvc, now) =>
        {
            var volume = Fields.Text(pvc, "spec", "volumeName");
            var bound = volume.Length > 0;
            return
            [
                Meta.Name(pvc),
                Meta.Deleting(pvc) ? "Terminating" : Fields.Text(pvc, "status", "phase"),
                volume,
                bound ? Fields.ScalarText(Fields.Get(pvc, "status", "capacity", "storage")) ?? "0" : "",
                bound ? AccessModes(Fields.Strings(pvc, "status", "accessModes")) : "",
                StorageClass(pvc),
                Fields.Str(pvc, "spec", "volumeAttributesClassName") ?? "<unset>",
                Meta.Age(pvc, now),
                Fields.Str(pvc, "spec", "volumeMode") ?? "<unset>",
            ];
        });

    public static readonly Printer PersistentVolume = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Capacity", "Capacity of the volume."),
            TableColumn.Str("Access Modes", "Access modes of the volume."),
            TableColumn.Str("Reclaim Policy", "What happens to the volume when released."),
            TableColumn.Str("Status", "Phase of the volume."),
            TableColumn.Str("Claim", "The claim bound to the volume."),
            TableColumn.Str("StorageClass", "Storage class of the volume."),
            TableColumn.Str("VolumeAttributesClass", "Volume attributes class of the volume."),
            TableColumn.Str("Reason", "Reason for a failed phase."),
            TableColumn.Age,
            TableColumn.Str("VolumeMode", "Filesystem or Block.", 1),
        ],
        (pv, now) =>
        {
            var claim = Fields.Obj(pv, "spec", "claimRef");
            return
            [
                Meta.Name(pv),
                Fields.ScalarText(Fields.Get(pv, "spec", "capacity", "storage")) ?? "0",
                AccessModes(Fields.Strings(pv, "spec", "accessModes")),
                Fields.Text(pv, "spec", "persistentVolumeReclaimPolicy"),
                Meta.Deleting(pv) ? "Terminating" : Fields.Text(pv, "status", "phase"),
                claim is null ? "" : $"{Fields.Text(claim, "namespace")}/{Fields.Text(claim, "name")}",
                StorageClass(pv),
                Fields.Str(pv, "spec", "volumeAttributesClassName") ?? "<unset>",
                Fields.Text(pv, "status", "reason"),
                Meta.Age(pv, now),
                Fields.Str(pv, "spec", "volumeMode") ?? "<unset>",
            ];
        });

    private static string NodeStatus(JsonObject node)
    {
        var status = new List<string>();
        var ready = Fields.Objects(node, "status", "conditions").LastOrDefault(c => Fields.Str(c, "type") == "Ready");
        if (ready is not null)
        {
            status.Add(Fields.Str(ready, "status") == "True" ? "Ready" : "NotReady");
        }
        else
        {
            status.Add("Unknown");
        }
        if (Fields.Bool(node, "spec", "unschedulable") == true)
        {
            status.Add("SchedulingDisabled");
        }
        return string.Join(',', status);
    }

    private static string NodeRoles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (Fields.Obj(node, "metadata", "labels") is { } labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                {
                    roles.Add(key[prefix.Length..]);
                }
                else if (key == "kubernetes.io/role" && Fields.ScalarText(value) is { Length: > 0 } role)
                {
                    roles.Add(role);
                }
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string NodeAddress(JsonObject node, string type) =>
        Fields.Objects(node, "status", "addresses")
            .Where(a => Fields.Str(a, "type") == type)
            .Select(a => Fields.Text(a, "address"))
            .FirstOrDefault() ?? "<none>";

    private static string Unknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;

    /// <summary>The short access mode names in Kubernetes' fixed order: RWO, ROX, RWX, RWOP.</summary>
    internal static string AccessModes(List<string> modes)
    {
        var names = new List<string>();
        if (modes.Contains("ReadWriteOnce")) names.Add("RWO");
        if (modes.Contains("ReadOnlyMany")) names.Add("ROX");
        if (modes.Contains("ReadWriteMany")) names.Add("RWX");
        if (modes.Contains("ReadWriteOncePod")) names.Add("RWOP");
        return string.Join(',', names);
    }

    /// <summary>The legacy beta annotation still wins over spec.storageClassName, as in Kubernetes.</summary>
    private static string StorageClass(JsonObject item) =>
        Fields.Str(item, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
        ?? Fields.Str(item, "spec", "storageClassName")
        ?? "";

    private static JsonNode?[] EventCells(JsonObject ev, DateTimeOffset now)
    {
        var firstTime = Fields.Time(ev, "firstTimestamp");
        var first = firstTime is not null ? HumanDuration.Since(firstTime, now) : HumanDuration.Since(Fields.Time(ev, "eventTime"), now);
        var lastTime = Fields.Time(ev, "lastTimestamp");
        var last = lastTime is not null ? HumanDuration.Since(lastTime, now) : first;

        var count = Fields.Long(ev, "count") ?? 0;
        if (Fields.Obj(ev, "series") is { } series)
        {
            last = HumanDuration.Since(Fields.Time(series, "lastObservedTime"), now);
            count = Fields.Long(series, "count") ?? 0;
        }
        else if (count == 0)
        {
            count = 1; // singleton events of the events.k8s.io API carry no count
        }

        var kind = Fields.Text(ev, "involvedObject", "kind").ToLowerInvariant();
        var name = Fields.Text(ev, "involvedObject", "name");
        var component = FirstNonEmpty(Fields.Text(ev, "source", "component"), Fields.Text(ev, "reportingComponent"));
        var instance = FirstNonEmpty(Fields.Text(ev, "source", "host"), Fields.Text(ev, "reportingInstance"));

        return
        [
            last,
            Fields.Text(ev, "type"),
            Fields.Text(ev, "reason"),
            name.Length > 0 ? $"{kind}/{name}" : kind,
            Fields.Text(ev, "involvedObject", "fieldPath"),
            instance.Length == 0 ? component : $"{component}, {instance}",
            Fields.Text(ev, "message").Trim(),
            first,
            count,
            Meta.Name(ev),
        ];
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;
}
