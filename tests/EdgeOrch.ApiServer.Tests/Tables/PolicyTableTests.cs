using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Tables;
using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class PolicyTableTests
{
    private static string[][] Build(string group, string kind, string json)
    {
        var type = new ResourceType(group, "v1", kind, kind.ToLowerInvariant() + "s", false, []);
        var table = TableBuilder.Build(type, [Parse(Times(json))], new TableOptions { Now = Now });
        return [ColumnNames(table), Cells(table)];
    }

    [Fact]
    public void StorageClass_marks_the_default()
    {
        var (columns, cells) = Split(Build("storage.k8s.io", "StorageClass", """
            {"metadata":{"name":"local-path","creationTimestamp":"$AGO:5m$",
               "annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}
            """));
        Assert.Equal(["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"], columns);
        Assert.Equal(["local-path (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", "false", "5m"], cells);
    }

    [Fact]
    public void PodDisruptionBudget_prints_int_or_percent()
    {
        var (columns, cells) = Split(Build("policy", "PodDisruptionBudget", """
            {"metadata":{"name":"web","creationTimestamp":"$AGO:5m$"},"spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}}
            """));
        Assert.Equal(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"], columns);
        Assert.Equal(["web", "50%", "N/A", "1", "5m"], cells);
    }

    [Fact]
    public void RuntimeClass_and_webhooks()
    {
        Assert.Equal(["Name", "Handler", "Age"], Build("node.k8s.io", "RuntimeClass", """{"metadata":{"name":"runc"},"handler":"runc"}""")[0]);
        Assert.Equal(["hooks", "2", "<unknown>"], Build("admissionregistration.k8s.io", "ValidatingWebhookConfiguration",
            """{"metadata":{"name":"hooks"},"webhooks":[{"name":"a"},{"name":"b"}]}""")[1]);
    }

    private static (string[] Columns, string[] Cells) Split(string[][] table) => (table[0], table[1]);
}
