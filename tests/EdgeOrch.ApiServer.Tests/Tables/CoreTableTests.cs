using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class CoreTableTests
{
    [Fact]
    public void Node()
    {
        var table = Table("Node", """
            {"metadata":{"name":"edge-1","creationTimestamp":"$AGO:30d$",
               "labels":{"node-role.kubernetes.io/control-plane":"true","node-role.kubernetes.io/master":"true","kubernetes.io/hostname":"edge-1"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
               "addresses":[{"type":"Hostname","address":"edge-1"},{"type":"InternalIP","address":"192.168.1.5"}],
               "nodeInfo":{"kubeletVersion":"v1.32.4+edgeorch","osImage":"Debian GNU/Linux 12","kernelVersion":"6.1.0","containerRuntimeVersion":"containerd://1.6.20"}}}
            """);
        Assert.Equal(
            ["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"],
            ColumnNames(table));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], Priorities(table));
        Assert.Equal(
            ["edge-1", "Ready,SchedulingDisabled", "control-plane,master", "30d", "v1.32.4+edgeorch", "192.168.1.5", "<none>",
             "Debian GNU/Linux 12", "6.1.0", "containerd://1.6.20"],
            Cells(table));
    }

    [Fact]
    public void Node_not_ready_and_unknown()
    {
        Assert.Equal(["NotReady", "<none>"], Row("Node", """
            {"metadata":{"name":"n"},"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}
            """)[1..3]);
        var fresh = Row("Node", """{"metadata":{"name":"n"}}""");
        Assert.Equal("Unknown", fresh[1]);
        Assert.Equal(["<unknown>", "<unknown>", "<unknown>"], fresh[7..]);
    }

    [Fact]
    public void Namespace_ConfigMap_Secret_ServiceAccount()
    {
        Assert.Equal(["default", "Active", "5m"], Cells(Table("Namespace", """
            {"metadata":{"name":"default","creationTimestamp":"$AGO:5m$"},"status":{"phase":"Active"}}
            """)));
        var cm = Table("ConfigMap", """
            {"metadata":{"name":"cfg","creationTimestamp":"$AGO:5m$"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}
            """);
        Assert.Equal(["Name", "Data", "Age"], ColumnNames(cm));
        Assert.Equal(["cfg", "3", "5m"], Cells(cm));
        var secret = Table("Secret", """
            {"metadata":{"name":"tls","creationTimestamp":"$AGO:5m$"},"type":"kubernetes.io/tls","data":{"tls.crt":"", "tls.key":""}}
            """);
        Assert.Equal(["Name", "Type", "Data", "Age"], ColumnNames(secret));
        Assert.Equal(["tls", "kubernetes.io/tls", "2", "5m"], Cells(secret));
        var sa = Table("ServiceAccount", """{"metadata":{"name":"default","creationTimestamp":"$AGO:5m$"}}""");
        Assert.Equal(["Name", "Secrets", "Age"], ColumnNames(sa));
        Assert.Equal(["default", "0", "5m"], Cells(sa));
    }

    [Fact]
    public void Event()
    {
        var table = Table("Event", """
            {"metadata":{"name":"web-1.17a","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web-1","fieldPath":"spec.containers{web}"},
             "reason":"Pulled","message":"Container image \"nginx\" already present on machine\n","type":"Normal",
             "source":{"component":"kubelet","host":"edge-1"},
             "firstTimestamp":"$AGO:10m$","lastTimestamp":"$AGO:2m$","count":3}
            """);
        Assert.Equal(
            ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"],
            ColumnNames(table));
        Assert.Equal([0, 0, 0, 0, 1, 1, 0, 1, 1, 1], Priorities(table));
        Assert.Equal(
            ["2m", "Normal", "Pulled", "pod/web-1", "spec.containers{web}", "kubelet, edge-1",
             "Container image \"nginx\" already present on machine", "10m", "3", "web-1.17a"],
            Cells(table));
    }

    [Fact]
    public void Event_from_the_new_api_uses_event_time_and_series()
    {
        var single = Row("Event", """
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Node"},"eventTime":"$AGO:40s$","reportingComponent":"scheduler","type":"Warning","reason":"R"}
            """);
        Assert.Equal(["40s", "Warning", "R", "node"], single[..4]);
        Assert.Equal("scheduler", single[5]);
        Assert.Equal(["40s", "1"], single[7..9]);

        var series = Row("Event", """
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p"},"eventTime":"$AGO:20m$",
             "series":{"count":7,"lastObservedTime":"$AGO:1m$"}}
            """);
        Assert.Equal("60s", series[0]);
        Assert.Equal("7", series[8]);
    }

    [Fact]
    public void PersistentVolumeClaim_bound_and_pending()
    {
        var table = Table("PersistentVolumeClaim", """
            {"metadata":{"name":"data","creationTimestamp":"$AGO:5m$"},
             "spec":{"volumeName":"pvc-123","storageClassName":"local-path","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}},
             "status":{"phase":"Bound","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"]}}
            """);
        Assert.Equal(
            ["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"],
            ColumnNames(table));
        Assert.Equal(["data", "Bound", "pvc-123", "1Gi", "RWO,RWX", "local-path", "<unset>", "5m", "<unset>"], Cells(table));

        Assert.Equal(["Pending", "", "", "", "slow"], Row("PersistentVolumeClaim", """
            {"metadata":{"name":"p","annotations":{"volume.beta.kubernetes.io/storage-class":"slow"}},
             "spec":{"storageClassName":"fast","volumeMode":"Filesystem"},"status":{"phase":"Pending"}}
            """)[1..6]);
    }

    [Fact]
    public void PersistentVolume()
    {
        var table = Table("PersistentVolume", """
            {"metadata":{"name":"pvc-123","creationTimestamp":"$AGO:5m$","deletionTimestamp":"$AGO:1s$"},
             "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteOncePod"],"persistentVolumeReclaimPolicy":"Delete",
               "claimRef":{"namespace":"default","name":"data"},"storageClassName":"local-path","volumeMode":"Filesystem"},
             "status":{"phase":"Bound"}}
            """);
        Assert.Equal(
            ["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode"],
            ColumnNames(table));
        Assert.Equal(
            ["pvc-123", "10Gi", "RWOP", "Delete", "Terminating", "default/data", "local-path", "<unset>", "", "5m", "Filesystem"],
            Cells(table));
    }
}
