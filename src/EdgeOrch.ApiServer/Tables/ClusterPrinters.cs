using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// RBAC bindings, Lease, PriorityClass, and the two generic shapes: Kubernetes' default table (Name, Created At) that
/// Role, ClusterRole and CustomResourceDefinition use, and Name/Age for kinds without a printer of their own.
/// </summary>
internal static class ClusterPrinters
{
    public static readonly Printer RoleBinding = Binding("role binding");

    public static readonly Printer ClusterRoleBinding = Binding("cluster role binding");

    public static readonly Printer Lease = new(
        [TableColumn.Name0, TableColumn.Str("Holder", "Identity of the current holder."), TableColumn.Age],
        (lease, now) => [Meta.Name(lease), Fields.Text(lease, "spec", "holderIdentity"), Meta.Age(lease, now)]);

    public static readonly Printer PriorityClass = new(
        [
            TableColumn.Name0,
            TableColumn.Int("Value", "Priority value of pods in this class."),
            new("Global-Default", "boolean", "Whether pods without a class get this one."),
            TableColumn.Age,
            TableColumn.Str("PreemptionPolicy", "Whether pods of this class preempt others."),
        ],
        (pc, now) =>
        [
            Meta.Name(pc),
            Fields.Long(pc, "value") ?? 0,
            Fields.Bool(pc, "globalDefault") ?? false,
            Meta.Age(pc, now),
            Fields.Text(pc, "preemptionPolicy"),
        ]);

    /// <summary>The API server's default table: the creation time printed as an RFC 3339 instant, not an age.</summary>
    public static readonly Printer CreatedAt = new(
        [TableColumn.Name0, TableColumn.CreatedAt],
        (item, _) =>
        [
            Meta.Name(item),
            Fields.Time(item, "metadata", "creationTimestamp") is { } created
                ? created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : "0001-01-01T00:00:00Z",
        ]);

    public static readonly Printer NameAge = new(
        [TableColumn.Name0, TableColumn.Age],
        (item, now) => [Meta.Name(item), Meta.Age(item, now)]);

    private static Printer Binding(string what) => new(
        [
            TableColumn.Name0,
            TableColumn.Str("Role", $"The role the {what} grants."),
            TableColumn.Age,
            TableColumn.Str("Users", $"Users in the {what}.", 1),
            TableColumn.Str("Groups", $"Groups in the {what}.", 1),
            TableColumn.Str("ServiceAccounts", $"Service accounts in the {what}.", 1),
        ],
        (binding, now) =>
        {
            var users = new List<string>();
            var groups = new List<string>();
            var serviceAccounts = new List<string>();
            foreach (var subject in Fields.Objects(binding, "subjects"))
            {
                var name = Fields.Text(subject, "name");
                var ns = Fields.Text(subject, "namespace");
                switch (Fields.Str(subject, "kind"))
                {
                    case "User": users.Add(name); break;
                    case "Group": groups.Add(name); break;
                    case "ServiceAccount": serviceAccounts.Add(ns.Length > 0 ? $"{ns}/{name}" : name); break;
                }
            }
            return
            [
                Meta.Name(binding),
                $"{Fields.Text(binding, "roleRef", "kind")}/{Fields.Text(binding, "roleRef", "name")}",
                Meta.Age(binding, now),
                string.Join(", ", users),
                string.Join(", ", groups),
                string.Join(", ", serviceAccounts),
            ];
        });
}
