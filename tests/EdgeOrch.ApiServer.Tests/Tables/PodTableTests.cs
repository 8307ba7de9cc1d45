using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class PodTableTests
{
    private static string Pod(string status, string spec = """{"containers":[{"name":"web","image":"nginx"}]}""", string extraMeta = "") =>
        Times(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default","creationTimestamp":"$AGO:5m$" """
            + extraMeta + "}, \"spec\":" + spec + ", \"status\":" + status + "}");

    [Fact]
    public void Columns_match_kubernetes_pod_printer()
    {
        var table = Table("Pod", Pod("""{"phase":"Pending"}"""));
        Assert.Equal(
            ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            ColumnNames(table));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], Priorities(table));
        Assert.Equal("name", table["columnDefinitions"]![0]!["format"]!.GetValue<string>());
        Assert.Equal("string", table["columnDefinitions"]![3]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Running_pod()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Running","podIP":"10.42.0.7","podIPs":[{"ip":"10.42.0.7"}],
             "conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"$AGO:4m$"}}}]}
            """, """{"nodeName":"edge-1","containers":[{"name":"web","image":"nginx"}]}"""));
        Assert.Equal(["web-1", "1/1", "Running", "0", "5m", "10.42.0.7", "edge-1", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Pending_pod_without_statuses_shows_phase_and_none_for_wide_cells()
    {
        var cells = Row("Pod", Pod("""{"phase":"Pending"}"""));
        Assert.Equal(["web-1", "0/1", "Pending", "0", "5m", "<none>", "<none>", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Container_creating()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Pending","containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}
            """));
        Assert.Equal("0/1", cells[1]);
        Assert.Equal("ContainerCreating", cells[2]);
    }

    [Fact]
    public void Crash_loop_back_off_shows_restarts_with_time_since_last()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Running","containerStatuses":[{"name":"web","ready":false,"restartCount":4,
              "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s"}},
              "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"$AGO:30s$"}}}]}
            """));
        Assert.Equal("0/1", cells[1]);
        Assert.Equal("CrashLoopBackOff", cells[2]);
        Assert.Equal("4 (30s ago)", cells[3]);
    }

    [Fact]
    public void Restarts_without_a_termination_time_print_the_bare_count()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Running","containerStatuses":[{"name":"web","ready":true,"restartCount":2,"state":{"running":{}}}]}
            """));
        Assert.Equal("2", cells[3]);
        Assert.Equal("Running", cells[2]);
    }

    [Fact]
    public void Completed_pod_has_completed_row_condition()
    {
        var table = Table("Pod", Pod("""
            {"phase":"Succeeded","containerStatuses":[{"name":"web","ready":false,"restartCount":0,
              "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
            """));
        Assert.Equal("0/1", Cells(table)[1]);
        Assert.Equal("Completed", Cells(table)[2]);
        var condition = table["rows"]![0]!["conditions"]![0]!;
        Assert.Equal("Completed", condition["type"]!.GetValue<string>());
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", condition["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Failed_pod_has_failed_completion_condition()
    {
        var table = Table("Pod", Pod("""{"phase":"Failed","reason":"Evicted"}"""));
        Assert.Equal("Failed", table["rows"]![0]!["conditions"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Running_pod_has_no_row_conditions()
    {
        var table = Table("Pod", Pod("""{"phase":"Running"}"""));
        Assert.Null(table["rows"]![0]!["conditions"]);
    }

    [Fact]
    public void Terminated_without_reason_shows_exit_code_or_signal()
    {
        Assert.Equal("ExitCode:3", Row("Pod", Pod("""
            {"phase":"Failed","containerStatuses":[{"name":"web","restartCount":0,"state":{"terminated":{"exitCode":3}}}]}
            """))[2]);
        Assert.Equal("Signal:9", Row("Pod", Pod("""
            {"phase":"Failed","containerStatuses":[{"name":"web","restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]}
            """))[2]);
    }

    [Fact]
    public void Oom_killed_shows_the_reason()
    {
        Assert.Equal("OOMKilled", Row("Pod", Pod("""
            {"phase":"Running","containerStatuses":[{"name":"web","restartCount":1,"state":{"terminated":{"exitCode":137,"reason":"OOMKilled"}}}]}
            """))[2]);
    }

    [Fact]
    public void Terminating_pod()
    {
        var extra = ""","deletionTimestamp":"$AGO:10s$" """;
        var cells = Row("Pod", Pod("""
            {"phase":"Running","containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{}}}]}
            """, extraMeta: extra));
        Assert.Equal("1/1", cells[1]);
        Assert.Equal("Terminating", cells[2]);
    }

    [Fact]
    public void Deleted_pod_on_lost_node_is_unknown_and_finished_pod_is_not_terminating()
    {
        var extra = ""","deletionTimestamp":"$AGO:10s$" """;
        Assert.Equal("Unknown", Row("Pod", Pod("""{"phase":"Running","reason":"NodeLost"}""", extraMeta: extra))[2]);
        Assert.Equal("Completed", Row("Pod", Pod("""
            {"phase":"Succeeded","containerStatuses":[{"name":"web","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
            """, extraMeta: extra))[2]);
    }

    private const string InitSpec = """
        {"initContainers":[{"name":"migrate","image":"busybox"},{"name":"seed","image":"busybox"}],
         "containers":[{"name":"web","image":"nginx"}]}
        """;

    [Fact]
    public void Init_container_running_shows_progress()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Pending",
             "initContainerStatuses":[
               {"name":"migrate","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
               {"name":"seed","restartCount":0,"state":{"running":{}}}],
             "containerStatuses":[{"name":"web","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}
            """, InitSpec));
        Assert.Equal("0/1", cells[1]);
        Assert.Equal("Init:1/2", cells[2]);
    }

    [Fact]
    public void Init_container_not_started_yet_is_init_zero()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Pending","initContainerStatuses":[
               {"name":"migrate","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}},
               {"name":"seed","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}
            """, InitSpec));
        Assert.Equal("Init:0/2", cells[2]);
    }

    [Fact]
    public void Failing_init_container_shows_its_reason_and_counts_its_restarts()
    {
        var cells = Row("Pod", Pod("""
            {"phase":"Pending","initContainerStatuses":[
               {"name":"migrate","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                "lastState":{"terminated":{"exitCode":1,"finishedAt":"$AGO:2m$"}}},
               {"name":"seed","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}
            """, InitSpec));
        Assert.Equal("Init:CrashLoopBackOff", cells[2]);
        Assert.Equal("3 (2m ago)", cells[3]);

        Assert.Equal("Init:Error", Row("Pod", Pod("""
            {"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
            """, InitSpec))[2]);
        Assert.Equal("Init:ExitCode:2", Row("Pod", Pod("""
            {"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":{"terminated":{"exitCode":2}}}]}
            """, InitSpec))[2]);
    }

    [Fact]
    public void Sidecar_counts_towards_ready_and_total()
    {
        var spec = """
            {"initContainers":[{"name":"proxy","image":"envoy","restartPolicy":"Always"}],
             "containers":[{"name":"web","image":"nginx"}]}
            """;
        var cells = Row("Pod", Pod("""
            {"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
             "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"state":{"running":{}}}],
             "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{}}}]}
            """, spec));
        Assert.Equal("2/2", cells[1]);
        Assert.Equal("Running", cells[2]);
        Assert.Equal("1", cells[3]);
    }

    [Fact]
    public void Completed_container_beside_a_running_one_reads_running_or_not_ready()
    {
        var spec = """{"containers":[{"name":"job","image":"a"},{"name":"web","image":"b"}]}""";
        var status = """
            "containerStatuses":[
              {"name":"job","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
              {"name":"web","ready":true,"restartCount":0,"state":{"running":{}}}]
            """;
        Assert.Equal("Running", Row("Pod", Pod("""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],""" + status + "}", spec))[2]);
        Assert.Equal("NotReady", Row("Pod", Pod("""{"phase":"Running",""" + status + "}", spec))[2]);
        Assert.Equal("1/2", Row("Pod", Pod("""{"phase":"Running",""" + status + "}", spec))[1]);
    }

    [Fact]
    public void Scheduling_gated_and_evicted_reasons()
    {
        Assert.Equal("SchedulingGated", Row("Pod", Pod("""
            {"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}
            """))[2]);
        Assert.Equal("Evicted", Row("Pod", Pod("""{"phase":"Failed","reason":"Evicted"}"""))[2]);
    }

    [Fact]
    public void Readiness_gates_count_true_conditions()
    {
        var spec = """{"containers":[{"name":"web","image":"nginx"}],"readinessGates":[{"conditionType":"lb/ready"},{"conditionType":"dns/ready"}]}""";
        var cells = Row("Pod", Pod("""{"phase":"Running","conditions":[{"type":"lb/ready","status":"True"},{"type":"dns/ready","status":"False"}]}""", spec));
        Assert.Equal("1/2", cells[8]);
    }
}
