using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>apps/v1 printers: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision.</summary>
internal static class WorkloadPrinters
{
    public static readonly Printer Deployment = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Ready", "Ready pods out of desired replicas."),
            TableColumn.Str("Up-to-date", "Pods running the latest pod template."),
            TableColumn.Str("Available", "Pods available to serve."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
            TableColumn.WideSelector,
        ],
        (d, now) =>
        {
            var (names, images) = Meta.Containers(Fields.Get(d, "spec", "template", "spec"));
            return
            [
                Meta.Name(d),
                $"{Fields.Long(d, "status", "readyReplicas") ?? 0}/{Replicas(d)}",
                Fields.Long(d, "status", "updatedReplicas") ?? 0,
                Fields.Long(d, "status", "availableReplicas") ?? 0,
                Meta.Age(d, now),
                names,
                images,
                LabelText.SelectorString(Fields.Obj(d, "spec", "selector")),
            ];
        });

    public static readonly Printer ReplicaSet = new(
        [
            TableColumn.Name0,
            TableColumn.Int("Desired", "Desired number of replicas."),
            TableColumn.Int("Current", "Number of replicas that exist."),
            TableColumn.Int("Ready", "Number of ready replicas."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
            TableColumn.WideSelector,
        ],
        (rs, now) =>
        {
            var (names, images) = Meta.Containers(Fields.Get(rs, "spec", "template", "spec"));
            return
            [
                Meta.Name(rs),
                Replicas(rs),
                Fields.Long(rs, "status", "replicas") ?? 0,
                Fields.Long(rs, "status", "readyReplicas") ?? 0,
                Meta.Age(rs, now),
                names,
                images,
                LabelText.FormatSelector(Fields.Obj(rs, "spec", "selector")),
            ];
        });

    public static readonly Printer StatefulSet = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Ready", "Ready pods out of desired replicas."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
        ],
        (sts, now) =>
        {
            var (names, images) = Meta.Containers(Fields.Get(sts, "spec", "template", "spec"));
            return
            [
                Meta.Name(sts),
                $"{Fields.Long(sts, "status", "readyReplicas") ?? 0}/{Replicas(sts)}",
                Meta.Age(sts, now),
                names,
                images,
            ];
        });

    public static readonly Printer DaemonSet = new(
        [
            TableColumn.Name0,
            TableColumn.Int("Desired", "Nodes that should run the daemon pod."),
            TableColumn.Int("Current", "Nodes running at least one daemon pod."),
            TableColumn.Int("Ready", "Nodes whose daemon pod is ready."),
            TableColumn.Int("Up-to-date", "Nodes running the latest pod template."),
            TableColumn.Int("Available", "Nodes whose daemon pod is available."),
            TableColumn.Str("Node Selector", "Node selector of the pod template."),
            TableColumn.Age,
            TableColumn.WideContainers,
            TableColumn.WideImages,
            TableColumn.WideSelector,
        ],
        (ds, now) =>
        {
            var podSpec = Fields.Get(ds, "spec", "template", "spec");
            var (names, images) = Meta.Containers(podSpec);
            return
            [
                Meta.Name(ds),
                Fields.Long(ds, "status", "desiredNumberScheduled") ?? 0,
                Fields.Long(ds, "status", "currentNumberScheduled") ?? 0,
                Fields.Long(ds, "status", "numberReady") ?? 0,
                Fields.Long(ds, "status", "updatedNumberScheduled") ?? 0,
                Fields.Long(ds, "status", "numberAvailable") ?? 0,
                LabelText.FormatMap(Fields.Obj(podSpec, "nodeSelector")),
                Meta.Age(ds, now),
                names,
                images,
                LabelText.FormatSelector(Fields.Obj(ds, "spec", "selector")),
            ];
        });

    public static readonly Printer ControllerRevision = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Controller", "The object that owns this revision."),
            TableColumn.Str("Revision", "Revision number."),
            TableColumn.Age,
        ],
        (cr, now) =>
        [
            Meta.Name(cr),
            ControllerName(cr),
            Fields.Long(cr, "revision") ?? 0,
            Meta.Age(cr, now),
        ]);

    /// <summary>spec.replicas, which the API defaults to 1.</summary>
    private static long Replicas(JsonObject item) => Fields.Long(item, "spec", "replicas") ?? 1;

    /// <summary>"statefulset.apps/web": lower-cased Kind.group of the controller owner reference.</summary>
    private static string ControllerName(JsonObject item)
    {
        var owner = Fields.Objects(item, "metadata", "ownerReferences")
            .FirstOrDefault(o => Fields.Bool(o, "controller") == true);
        if (owner is null)
        {
            return "<none>";
        }
        var apiVersion = Fields.Text(owner, "apiVersion");
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = Fields.Text(owner, "kind");
        var name = Fields.Text(owner, "name");
        if (kind.Length == 0 && group.Length == 0)
        {
            return name;
        }
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.ToLowerInvariant() + "/" + name;
    }
}
