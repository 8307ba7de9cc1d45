using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class ClusterTableTests
{
    [Fact]
    public void Roles_ClusterRoles_and_CRDs_use_the_default_created_at_table()
    {
        foreach (var kind in new[] { "Role", "ClusterRole", "CustomResourceDefinition" })
        {
            var table = Table(kind, """{"metadata":{"name":"admin","creationTimestamp":"2024-03-05T07:08:09Z"}}""");
            Assert.Equal(["Name", "Created At"], ColumnNames(table));
            Assert.Equal("date", table["columnDefinitions"]![1]!["type"]!.GetValue<string>());
            Assert.Equal(["admin", "2024-03-05T07:08:09Z"], Cells(table));
        }
    }

    [Fact]
    public void RoleBinding_lists_subjects_in_wide_columns()
    {
        var table = Table("RoleBinding", """
            {"metadata":{"name":"edit","creationTimestamp":"$AGO:5m$"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
             "subjects":[{"kind":"User","name":"jane"},{"kind":"User","name":"joe"},{"kind":"Group","name":"devs"},
               {"kind":"ServiceAccount","name":"ci","namespace":"build"}]}
            """);
        Assert.Equal(["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"], ColumnNames(table));
        Assert.Equal([0, 0, 0, 1, 1, 1], Priorities(table));
        Assert.Equal(["edit", "ClusterRole/edit", "5m", "jane, joe", "devs", "build/ci"], Cells(table));
        Assert.Equal(["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"], ColumnNames(Table("ClusterRoleBinding", """{"metadata":{"name":"x"}}""")));
    }

    [Fact]
    public void Lease_and_PriorityClass()
    {
        Assert.Equal(["edge-1", "edge-1", "5m"], Cells(Table("Lease", """
            {"metadata":{"name":"edge-1","creationTimestamp":"$AGO:5m$"},"spec":{"holderIdentity":"edge-1","leaseDurationSeconds":40}}
            """)));
        var pc = Table("PriorityClass", """
            {"metadata":{"name":"system-node-critical","creationTimestamp":"$AGO:5m$"},"value":2000001000,"globalDefault":false,"preemptionPolicy":"PreemptLowerPriority"}
            """);
        Assert.Equal(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"], ColumnNames(pc));
        Assert.Equal(["system-node-critical", "2000001000", "false", "5m", "PreemptLowerPriority"], Cells(pc));
    }

    [Fact]
    public void Kind_without_printer_gets_name_and_age()
    {
        var type = new EdgeOrch.Api.Resources.ResourceType("example.com", "v1", "Gadget", "gadgets", true, []);
        var table = EdgeOrch.ApiServer.Tables.TableBuilder.Build(type,
            [Parse(Times("""{"metadata":{"name":"g","creationTimestamp":"$AGO:5m$"}}"""))],
            new EdgeOrch.ApiServer.Tables.TableOptions { Now = Now });
        Assert.Equal(["Name", "Age"], ColumnNames(table));
        Assert.Equal(["g", "5m"], Cells(table));
    }

    [Fact]
    public void Missing_creation_timestamp_reads_unknown() =>
        Assert.Equal("<unknown>", Cell("ConfigMap", """{"metadata":{"name":"c"}}""", "Age"));
}
