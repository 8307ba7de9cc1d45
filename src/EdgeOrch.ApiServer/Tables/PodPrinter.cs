using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Pod rows as kubectl users know them: READY "1/2", STATUS the most telling reason (Init:0/1, ContainerCreating,
/// CrashLoopBackOff, Completed, Terminating...), RESTARTS "2 (5m ago)". Follows the order of checks of Kubernetes'
/// pod printer, since users compare this column against what they see on other clusters.
/// </summary>
internal static class PodPrinter
{
    public static readonly Printer Printer = new(
        [
            TableColumn.Name0,
            TableColumn.Str("Ready", "Ready containers out of all containers of the pod."),
            TableColumn.Str("Status", "Aggregate status of the pod's containers."),
            TableColumn.Str("Restarts", "Container restarts, and how long ago the last one was."),
            TableColumn.Age,
            TableColumn.Str("IP", "The pod's IP address.", 1),
            TableColumn.Str("Node", "The node the pod is bound to.", 1),
            TableColumn.Str("Nominated Node", "The node the scheduler nominated for preemption.", 1),
            TableColumn.Str("Readiness Gates", "Readiness gates that are true, out of all gates.", 1),
        ],
        Cells,
        Conditions);

    private static JsonNode?[] Cells(JsonObject pod, DateTimeOffset now)
    {
        var state = Summarize(pod);
        var restarts = state.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (state.Restarts != 0 && state.LastRestart is { } last)
        {
            restarts = $"{state.Restarts} ({HumanDuration.Since(last, now)} ago)";
        }

        var podIp = Fields.Str(Fields.Objects(pod, "status", "podIPs").FirstOrDefault(), "ip");
        if (string.IsNullOrEmpty(podIp))
        {
            podIp = Fields.Str(pod, "status", "podIP");
        }

        return
        [
            Meta.Name(pod),
            $"{state.Ready}/{state.Total}",
            state.Reason,
            restarts,
            Meta.Age(pod, now),
            OrNone(podIp),
            OrNone(Fields.Str(pod, "spec", "nodeName")),
            OrNone(Fields.Str(pod, "status", "nominatedNodeName")),
            ReadinessGates(pod),
        ];
    }

    private static JsonArray? Conditions(JsonObject pod) => Fields.Str(pod, "status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    private static JsonArray Completed(string reason, string message) =>
        // JsonArray's constructor, not a collection expression: the latter binds to the generic Add<T>, which NativeAOT rejects.
        new(new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message });

    internal readonly record struct PodState(int Ready, int Total, string Reason, long Restarts, DateTimeOffset? LastRestart);

    /// <summary>The READY/STATUS/RESTARTS summary of a pod.</summary>
    internal static PodState Summarize(JsonObject pod)
    {
        var phase = Fields.Text(pod, "status", "phase");
        var statusReason = Fields.Text(pod, "status", "reason");
        var reason = statusReason.Length > 0 ? statusReason : phase;

        foreach (var condition in Fields.Objects(pod, "status", "conditions"))
        {
            if (Fields.Str(condition, "type") == "PodScheduled" && Fields.Str(condition, "reason") == "SchedulingGated")
            {
                reason = "SchedulingGated";
            }
        }

        var total = Fields.Objects(pod, "spec", "containers").Count();
        var initSpecs = Fields.Objects(pod, "spec", "initContainers").ToList();
        // Sidecars (init containers that keep running) count as regular containers for READY.
        var sidecars = initSpecs
            .Where(c => Fields.Str(c, "restartPolicy") == "Always")
            .Select(c => Fields.Text(c, "name"))
            .ToHashSet(StringComparer.Ordinal);
        total += initSpecs.Count(c => Fields.Str(c, "restartPolicy") == "Always");

        var ready = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;
        var initializing = false;

        var initStatuses = Fields.Objects(pod, "status", "initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var status = initStatuses[i];
            var isSidecar = sidecars.Contains(Fields.Text(status, "name"));
            var restartCount = Fields.Long(status, "restartCount") ?? 0;
            restarts += restartCount;
            var finished = Fields.Time(status, "lastState", "terminated", "finishedAt");
            lastRestart = Later(lastRestart, finished);
            if (isSidecar)
            {
                sidecarRestarts += restartCount;
                lastSidecarRestart = Later(lastSidecarRestart, finished);
            }

            var terminated = Fields.Obj(status, "state", "terminated");
            var waitingReason = Fields.Text(status, "state", "waiting", "reason");
            if (terminated is not null && (Fields.Long(terminated, "exitCode") ?? 0) == 0)
            {
                continue;
            }
            if (isSidecar && Fields.Bool(status, "started") == true)
            {
                if (Fields.Bool(status, "ready") == true)
                {
                    ready++;
                }
                continue;
            }
            if (terminated is not null)
            {
                var terminatedReason = Fields.Text(terminated, "reason");
                reason = terminatedReason.Length > 0 ? "Init:" + terminatedReason : "Init:" + ExitText(terminated);
            }
            else if (Fields.Obj(status, "state", "waiting") is not null && waitingReason.Length > 0 && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = $"Init:{i}/{initSpecs.Count}";
            }
            initializing = true;
            break;
        }

        if (!initializing || HasCondition(pod, "Initialized"))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = Fields.Objects(pod, "status", "containerStatuses").ToList();
            // Walk from the last container so the first container's reason wins, as kubectl does.
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var status = statuses[i];
                restarts += Fields.Long(status, "restartCount") ?? 0;
                lastRestart = Later(lastRestart, Fields.Time(status, "lastState", "terminated", "finishedAt"));

                var waitingReason = Fields.Text(status, "state", "waiting", "reason");
                var terminated = Fields.Obj(status, "state", "terminated");
                if (waitingReason.Length > 0)
                {
                    reason = waitingReason;
                }
                else if (terminated is not null)
                {
                    var terminatedReason = Fields.Text(terminated, "reason");
                    reason = terminatedReason.Length > 0 ? terminatedReason : ExitText(terminated);
                }
                else if (Fields.Bool(status, "ready") == true && Fields.Obj(status, "state", "running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            // One container finished but another still runs: the pod is not "Completed" yet.
            if (reason == "Completed" && hasRunning)
            {
                reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        if (Meta.Deleting(pod) && statusReason == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (Meta.Deleting(pod) && phase is not ("Succeeded" or "Failed"))
        {
            reason = "Terminating";
        }

        return new PodState(ready, total, reason, restarts, lastRestart);
    }

    private static string ExitText(JsonObject terminated)
    {
        var signal = Fields.Long(terminated, "signal") ?? 0;
        return signal != 0 ? $"Signal:{signal}" : $"ExitCode:{Fields.Long(terminated, "exitCode") ?? 0}";
    }

    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is { } c && (current is null || current.Value < c) ? c : current;

    private static bool HasCondition(JsonObject pod, string type) =>
        Fields.Objects(pod, "status", "conditions")
            .Any(c => Fields.Str(c, "type") == type && Fields.Str(c, "status") == "True");

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Fields.Objects(pod, "spec", "readinessGates").ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }
        var conditions = Fields.Objects(pod, "status", "conditions").ToList();
        var trueCount = 0;
        foreach (var gate in gates)
        {
            var type = Fields.Str(gate, "conditionType");
            var match = conditions.FirstOrDefault(c => Fields.Str(c, "type") == type);
            if (match is not null && Fields.Str(match, "status") == "True")
            {
                trueCount++;
            }
        }
        return $"{trueCount}/{gates.Count}";
    }

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}
