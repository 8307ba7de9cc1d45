using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class WorkloadTableTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
          {"name":"web","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}
        """;

    [Fact]
    public void Deployment()
    {
        var table = Table("Deployment", $$$"""
            {"metadata":{"name":"web","creationTimestamp":"$AGO:3d$"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","tier":"front"}},{{{Template}}}},
             "status":{"replicas":3,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1}}
            """);
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], ColumnNames(table));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1], Priorities(table));
        Assert.Equal(["web", "1/3", "2", "1", "3d", "web,log", "nginx:1.27,busybox", "app=web,tier=front"], Cells(table));
    }

    [Fact]
    public void Deployment_with_no_status_yet_and_default_replicas()
    {
        var cells = Row("Deployment", $$$"""
            {"metadata":{"name":"web","creationTimestamp":"$AGO:2s$"},"spec":{"selector":{"matchLabels":{"app":"web"}},{{{Template}}}}}
            """);
        Assert.Equal(["web", "0/1", "0", "0", "2s"], cells[..5]);
    }

    [Fact]
    public void ReplicaSet()
    {
        var table = Table("ReplicaSet", $$$"""
            {"metadata":{"name":"web-5d4f","creationTimestamp":"$AGO:90m$"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]}]},{{{Template}}}},
             "status":{"replicas":2,"readyReplicas":2}}
            """);
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"], ColumnNames(table));
        Assert.Equal(["web-5d4f", "2", "2", "2", "90m", "web,log", "nginx:1.27,busybox", "app=web,env in (dev,prod)"], Cells(table));
        Assert.Equal("integer", table["columnDefinitions"]![1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void StatefulSet()
    {
        var table = Table("StatefulSet", $$$"""
            {"metadata":{"name":"db","creationTimestamp":"$AGO:10h$"},"spec":{"replicas":3,{{{Template}}}},"status":{"readyReplicas":2}}
            """);
        Assert.Equal(["Name", "Ready", "Age", "Containers", "Images"], ColumnNames(table));
        Assert.Equal(["db", "2/3", "10h", "web,log", "nginx:1.27,busybox"], Cells(table));
    }

    [Fact]
    public void DaemonSet()
    {
        var table = Table("DaemonSet", """
            {"metadata":{"name":"agent","creationTimestamp":"$AGO:9d$"},
             "spec":{"selector":{"matchLabels":{"app":"agent"}},
               "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"agent","image":"edge/agent:1"}]}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}
            """);
        Assert.Equal(
            ["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector"],
            ColumnNames(table));
        Assert.Equal(["agent", "3", "3", "2", "3", "2", "kubernetes.io/os=linux", "9d", "agent", "edge/agent:1", "app=agent"], Cells(table));
    }

    [Fact]
    public void DaemonSet_without_node_selector_prints_none()
    {
        Assert.Equal("<none>", Cell("DaemonSet", """
            {"metadata":{"name":"a"},"spec":{"template":{"spec":{"containers":[]}}}}
            """, "Node Selector"));
    }

    [Fact]
    public void ControllerRevision_names_its_controller()
    {
        var table = Table("ControllerRevision", """
            {"metadata":{"name":"db-7b9c","creationTimestamp":"$AGO:1h$",
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","controller":true,"uid":"u"}]},
             "revision":2}
            """);
        Assert.Equal(["Name", "Controller", "Revision", "Age"], ColumnNames(table));
        Assert.Equal(["db-7b9c", "statefulset.apps/db", "2", "60m"], Cells(table));
        Assert.Equal("<none>", Cell("ControllerRevision", """{"metadata":{"name":"x"},"revision":1}""", "Controller"));
    }

    [Fact]
    public void Job_complete_running_and_failed()
    {
        var complete = Table("Job", """
            {"metadata":{"name":"pi","creationTimestamp":"$AGO:10m$"},
             "spec":{"completions":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"abc"}},
               "template":{"spec":{"containers":[{"name":"pi","image":"perl"}]}}},
             "status":{"succeeded":1,"startTime":"$AGO:10m$","completionTime":"$AGO:9m$",
               "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """);
        Assert.Equal(["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"], ColumnNames(complete));
        Assert.Equal(["pi", "Complete", "1/1", "60s", "10m", "pi", "perl", "batch.kubernetes.io/controller-uid=abc"], Cells(complete));

        var running = Row("Job", """
            {"metadata":{"name":"w"},"spec":{"parallelism":3,"template":{"spec":{"containers":[]}}},
             "status":{"succeeded":1,"startTime":"$AGO:150s$"}}
            """);
        Assert.Equal(["Running", "1/1 of 3", "2m30s"], running[1..4]);

        var failed = Row("Job", """
            {"metadata":{"name":"f"},"spec":{"completions":2},"status":{"conditions":[{"type":"Failed","status":"True"}]}}
            """);
        Assert.Equal(["Failed", "0/2", ""], failed[1..4]);

        Assert.Equal("Suspended", Cell("Job", """
            {"metadata":{"name":"s"},"status":{"conditions":[{"type":"Suspended","status":"True"}]}}
            """, "Status"));
    }

    [Fact]
    public void CronJob()
    {
        var table = Table("CronJob", """
            {"metadata":{"name":"backup","creationTimestamp":"$AGO:2d$"},
             "spec":{"schedule":"*/5 * * * *","suspend":false,
               "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"restic"}]}}}}},
             "status":{"active":[{"name":"backup-1"}],"lastScheduleTime":"$AGO:3m$"}}
            """);
        Assert.Equal(
            ["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"],
            ColumnNames(table));
        Assert.Equal(["backup", "*/5 * * * *", "<none>", "False", "1", "3m", "2d", "b", "restic", "<none>"], Cells(table));

        var never = Row("CronJob", """
            {"metadata":{"name":"n"},"spec":{"schedule":"@daily","timeZone":"Europe/Berlin","suspend":true}}
            """);
        Assert.Equal(["Europe/Berlin", "True", "0", "<none>"], never[2..6]);
    }
}
