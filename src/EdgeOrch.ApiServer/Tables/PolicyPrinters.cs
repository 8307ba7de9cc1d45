using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Printers for kinds EdgeOrch may serve beyond its first set (StorageClass for a local-path provisioner,
/// PodDisruptionBudget, RuntimeClass, admission webhook configurations), so they print as on Kubernetes when added.
/// </summary>
internal static class PolicyPrinters
{
    public static readonly Printer StorageClass = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Provisioner", "The volume plugin that provisions volumes."),
            TableColumn.Str("ReclaimPolicy", "What happens to released volumes."),
            TableColumn.Str("VolumeBindingMode", "When volumes are bound and provisioned."),
            TableColumn.Str("AllowVolumeExpansion", "Whether claims may grow."),
            TableColumn.Age,
        ],
        (sc, now) =>
        [
            IsDefaultClass(sc) ? Meta.Name(sc) + " (default)" : Meta.Name(sc),
            Fields.Text(sc, "provisioner"),
            Fields.Str(sc, "reclaimPolicy") ?? "Delete",
            Fields.Str(sc, "volumeBindingMode") ?? "Immediate",
            Fields.Bool(sc, "allowVolumeExpansion") ?? false,
            Meta.Age(sc, now),
        ]);

    public static readonly Printer PodDisruptionBudget = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Min Available", "Pods that must stay available."),
            TableColumn.Str("Max Unavailable", "Pods that may be unavailable."),
            TableColumn.Int("Allowed Disruptions", "Pods that may be disrupted now."),
            TableColumn.Age,
        ],
        (pdb, now) =>
        [
            Meta.Name(pdb),
            Fields.ScalarText(Fields.Get(pdb, "spec", "minAvailable")) ?? "N/A",
            Fields.ScalarText(Fields.Get(pdb, "spec", "maxUnavailable")) ?? "N/A",
            Fields.Long(pdb, "status", "disruptionsAllowed") ?? 0,
            Meta.Age(pdb, now),
        ]);

    public static readonly Printer RuntimeClass = new(
        [TableColumn.Name0, TableColumn.Str("Handler", "The CRI handler that runs pods of this class."), TableColumn.Age],
        (rc, now) => [Meta.Name(rc), Fields.Text(rc, "handler"), Meta.Age(rc, now)]);

    public static readonly Printer WebhookConfiguration = new(
        [TableColumn.Name0, TableColumn.Int("Webhooks", "Number of webhooks in the configuration."), TableColumn.Age],
        (wh, now) => [Meta.Name(wh), (long)Fields.Count(wh, "webhooks"), Meta.Age(wh, now)]);

    private static bool IsDefaultClass(JsonObject sc) =>
        Fields.Str(sc, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class") == "true"
        || Fields.Str(sc, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class") == "true";
}
