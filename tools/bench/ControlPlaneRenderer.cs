using System.Text;

namespace EdgeOrch.Bench;

/// <summary>Turns <see cref="ControlPlaneResults"/> into the section "Control plane at scale (issue 3)" of docs/benchmarks.md.</summary>
internal static class ControlPlaneRenderer
{
    public const string SectionTitle = "## Control plane at scale (issue 3)";

    /// <summary>The issue's targets, and Kubernetes' own scheduling bar.</summary>
    private const double TargetPodsPerSecond = 2000, KubernetesPodsPerSecond = 100, TargetDeploymentSeconds = 3, TargetRssMB = 150;

    public static string Render(Options o, string[] args, string binary, ControlPlaneResults r)
    {
        var sb = new StringBuilder();
        var command = "dotnet run -c Release --project tools/bench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args));
        var runs = r.Schedules.Count;
        var s = r.Schedules;
        var d = r.Deployments;
        var measured = d.Where(x => x.NotMeasured is null).ToList();
        var rolled = measured.Where(x => x.RolloutNotMeasured is null).ToList();
        sb.Line(SectionTitle).Line();
        sb.Line($"- Command: `{command}` ({r.TotalSeconds:0} s in all; {runs} run{(runs == 1 ? "" : "s")} of each phase" +
                (runs > 1 ? "; figures are medians over the runs, per-run values in brackets" : "; a single run, so no median") + ").");
        sb.Line($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        sb.Line($"- Machine: {Environment.ProcessorCount} cores (nproc), {Machine.CpuModel()}, {Machine.MemTotal()} RAM, {Machine.Os()}, kernel {Machine.Kernel()}.");
        var kind = File.Exists(Path.ChangeExtension(binary, ".dll")) ? "a JIT build, NOT the NativeAOT binary" : "NativeAOT";
        var commit = Machine.FirstLine("git", "-C", Path.GetDirectoryName(binary)!, "log", "-1", "--format=%h %s");
        sb.Line($"- edgeorch: `{Machine.FirstLine(binary, "version")}` ({kind}), built from the checkout at `{commit}` (as the binary was published; " +
                $"the bench does not check that it matches); bench client: .NET {Environment.Version}.");
        sb.Line($"- Load average (1/5/15 min) before: {r.LoadBefore}; after: {r.LoadAfter}. The server, `edgeorch sim-nodes` (a second process " +
                "watching every pod and patching each bound pod's status over HTTPS) and the bench client share these cores, so every figure " +
                "below includes their competition for CPU; other work on the machine (a 1-minute load above 0 before the run) adds noise.");
        sb.Line($"- Cluster: `edgeorch server --disable-agent` on a fresh data dir for each phase, loopback HTTPS; `edgeorch sim-nodes --count {o.Nodes}` " +
                "(each node 4 CPU, 8Gi, 110 pods; leases renewed every 10 s; bound pods reported Running and Ready with no containers). " +
                $"Pods request 10m CPU and 16Mi and have no owner; writers use HTTP/1.1 keep-alive, {o.Clients} TLS connections.");
        sb.Line();

        sb.Line("### Targets").Line();
        sb.Line("| Measure | Target (issue 3) | Measured | Met |").Line("|---|---|---|---|");
        var pps = Median(s.Select(x => x.PodsPerSecond));
        sb.Line($"| Scheduling throughput, {o.Pods:N0} pods onto {o.Nodes} nodes, first create to last binding | >= {TargetPodsPerSecond:0} pods/s (Kubernetes: {KubernetesPodsPerSecond:0}) | " +
                $"{Fig(s.Select(x => x.PodsPerSecond), "0")} pods/s (the {o.Clients} writers created {Fig(s.Select(x => x.Creates.PerSecond), "0")} pods/s; " +
                $"scheduler capacity from its cycle times {Fig(s.Select(x => x.SchedulerCapacity), "0")} pods/s) | {Met(pps >= TargetPodsPerSecond)} |");
        var ready = Median(measured.Select(x => x.ReadyReplicasSeconds));
        sb.Line($"| {o.Replicas:N0}-replica Deployment, POST to readyReplicas == {o.Replicas:N0} | <= {TargetDeploymentSeconds:0} s | " +
                (measured.Count == 0 ? $"not measured: {d.Select(x => x.NotMeasured).FirstOrDefault()}" : $"{Fig(measured.Select(x => x.ReadyReplicasSeconds), "0.00")} s") +
                $" | {(measured.Count == 0 ? "-" : Met(ready <= TargetDeploymentSeconds))} |");
        var rssMB = Median(s.Select(x => x.IdleRssMiB)) * 1.048576;
        sb.Line($"| RSS holding {o.Pods:N0} pods (VmRSS after {o.IdleSeconds:0} s idle) | <= {TargetRssMB:0} MB | {Fig(s.Select(x => x.IdleRssMiB * 1.048576), "0")} MB ({Fig(s.Select(x => x.IdleRssMiB), "0.0")} MiB); peak VmHWM {Fig(s.Select(x => x.IdleHwmMiB * 1.048576), "0")} MB | {Met(rssMB <= TargetRssMB)} |");
        sb.Line();

        sb.Line($"### 1. Scheduling {o.Pods:N0} bare pods onto {o.Nodes} simulated nodes").Line();
        sb.Line("| | |").Line("|---|---|");
        sb.Line($"| {o.Nodes} nodes registered and Ready (sim-nodes start to all Ready, untainted) | {Fig(s.Select(x => x.NodesReadySeconds), "0.0")} s |");
        sb.Line($"| Pods created (of {o.Pods:N0}); create errors | {Fig(s.Select(x => (double)x.Creates.Ok), "0")}; {s.Sum(x => x.Creates.Errors)}{FirstError(s)} |");
        sb.Line($"| Creates: time for all, rate, p50/p99 request latency | {Fig(s.Select(x => x.Creates.Seconds), "0.0")} s, {Fig(s.Select(x => x.Creates.PerSecond), "0")}/s, {Fig(s.Select(x => x.Creates.P50), "0.0")}/{Fig(s.Select(x => x.Creates.P99), "0.0")} ms |");
        sb.Line($"| Pods bound | {Fig(s.Select(x => (double)x.Bound), "0")} |");
        sb.Line($"| First create sent to last binding seen | {Fig(s.Select(x => x.BindWindowSeconds), "0.0")} s |");
        sb.Line($"| **Scheduling throughput** (pods bound / that window) | **{Fig(s.Select(x => x.PodsPerSecond), "0")} pods/s** |");
        sb.Line($"| Scheduler (from /metrics): cycles; summed cycle time; mean cycle | {Fig(s.Select(x => x.SchedulerCycles), "0")}; {Fig(s.Select(x => x.SchedulerBusySeconds), "0.00")} s; {Fig(s.Select(x => x.SchedulerBusySeconds / x.SchedulerCycles * 1000), "0.00")} ms |");
        sb.Line($"| Scheduler capacity implied by its cycle times (cycles / summed cycle time, one worker) | {Fig(s.Select(x => x.SchedulerCapacity), "0")} pods/s |");
        sb.Line($"| Scheduling latency, create request sent to binding seen on the watch: p50 / p99 / max | {Fig(s.Select(x => P(x.BindLatenciesMs, 50)), "0")} / **{Fig(s.Select(x => P(x.BindLatenciesMs, 99)), "0")}** / {Fig(s.Select(x => P(x.BindLatenciesMs, 100)), "0")} ms |");
        sb.Line($"| Create sent to Ready=True seen (includes sim-nodes' status patch): p50 / p99 | {Fig(s.Select(x => P(x.ReadyLatenciesMs, 50)), "0")} / {Fig(s.Select(x => P(x.ReadyLatenciesMs, 99)), "0")} ms |");
        sb.Line($"| Pods Ready; first create to last Ready | {Fig(s.Select(x => (double)x.Ready), "0")}; {Fig(s.Select(x => x.AllReadySeconds), "0.0")} s |");
        sb.Line($"| edgeorch CPU from first create to last binding (utime+stime) | {Fig(s.Select(x => x.ServerCpu.CpuSeconds), "0.0")} s = {Fig(s.Select(x => x.ServerCpu.PercentOfOneCore), "0")}% of one core |");
        sb.Line($"| sim-nodes CPU over the same window | {Fig(s.Select(x => x.SimCpu.CpuSeconds), "0.0")} s = {Fig(s.Select(x => x.SimCpu.PercentOfOneCore), "0")}% of one core |");
        foreach (var e in s.Where(x => x.Error is not null))
        {
            sb.Line($"| Problem | {e.Error} |");
        }
        sb.Line();
        sb.Line("The watch (`GET /api/v1/namespaces/bench-sched/pods?watch=true` from a listed resourceVersion, opened before the first create) " +
                "gives the client-side arrival time of the first event showing each pod with `spec.nodeName` set; latency runs from just before " +
                "that pod's POST was sent, so it includes the create itself, the scheduler's queueing behind the other pods, the pods/binding write and watch delivery. " +
                "Throughput counts every pod bound between the first POST and the last binding (creation and scheduling overlap), so when the scheduler " +
                "keeps up it is the rate the writers could create pods; the scheduler's own capacity is then the implied figure from its cycle times " +
                "(`controller_reconcile_duration_seconds` of the scheduler on /metrics).");
        sb.Line();

        sb.Line($"### 4. Holding {o.Pods:N0} pods idle for {o.IdleSeconds:0} s").Line();
        sb.Line($"The window starts once the server is quiet (under 5% of one core over 1 s), which took {Fig(s.Select(x => x.QuietAfterSeconds), "0.0")} s " +
                "after the last pod turned Ready (the server still writing the Scheduled events, among others).");
        sb.Line();
        sb.Line("| | edgeorch server | sim-nodes |").Line("|---|---|---|");
        sb.Line($"| CPU over the window (utime+stime from /proc/PID/stat) | {Fig(s.Select(x => x.IdleServerCpu.CpuSeconds), "0.00")} s = {Fig(s.Select(x => x.IdleServerCpu.PercentOfOneCore), "0.0")}% of one core | {Fig(s.Select(x => x.IdleSimCpu.CpuSeconds), "0.00")} s = {Fig(s.Select(x => x.IdleSimCpu.PercentOfOneCore), "0.0")}% |");
        sb.Line($"| VmRSS at the end of the window | {Fig(s.Select(x => x.IdleRssMiB), "0.0")} MiB | {Fig(s.Select(x => x.SimRssMiB), "0.0")} MiB |");
        sb.Line($"| of which anonymous memory (RssAnon: managed and native heaps) | {Fig(s.Select(x => x.IdleRssAnonMiB), "0.0")} MiB | - |");
        sb.Line($"| VmHWM (peak RSS since start, so including the scheduling burst) | {Fig(s.Select(x => x.IdleHwmMiB), "0.0")} MiB | - |");
        sb.Line($"| VmRSS with {o.Nodes} nodes registered, before any pod | {Fig(s.Select(x => x.RssBeforeMiB), "0.0")} MiB | - |");
        sb.Line();

        sb.Line($"### 2. A {o.Replicas:N0}-replica Deployment, POST to all pods Ready").Line();
        if (measured.Count == 0)
        {
            sb.Line($"Not measured: {d.Select(x => x.NotMeasured).FirstOrDefault() ?? "no run"}. The scenario is in place (`--scenario controlplane`) and measures it once the build has the controllers.");
            sb.Line();
        }
        else
        {
            sb.Line($"POST of the Deployment as `kubectl apply` sends it (with the last-applied annotation; {o.Replicas:N0} replicas, default RollingUpdate strategy) " +
                    $"into an empty namespace of a fresh cluster with {o.Nodes} simulated nodes; times from just before the POST, seen on watches of the namespace's pods and Deployments.");
            sb.Line();
            sb.Line("| Milestone | seconds after the POST |").Line("|---|---|");
            sb.Line($"| First pod seen | {Fig(measured.Select(x => x.FirstPodSeenSeconds), "0.00")} |");
            sb.Line($"| All {o.Replicas:N0} pods seen (created by the ReplicaSet controller) | {Fig(measured.Select(x => x.AllPodsSeenSeconds), "0.00")} |");
            sb.Line($"| All bound | {Fig(measured.Select(x => x.AllBoundSeconds), "0.00")} |");
            sb.Line($"| All Ready on the pod watch | {Fig(measured.Select(x => x.AllPodsReadySeconds), "0.00")} |");
            sb.Line($"| **Deployment status.readyReplicas == {o.Replicas:N0}** | **{Fig(measured.Select(x => x.ReadyReplicasSeconds), "0.00")}** |");
            sb.Line($"| Deployment status.availableReplicas == {o.Replicas:N0} | {Fig(measured.Select(x => x.AvailableSeconds), "0.00")} |");
            sb.Line($"| edgeorch CPU until then | {Fig(measured.Select(x => x.ServerCpu.CpuSeconds), "0.0")} s = {Fig(measured.Select(x => x.ServerCpu.PercentOfOneCore), "0")}% of one core |");
            sb.Line();

            sb.Line("### 3. Rolling update of that Deployment (image change)").Line();
            if (rolled.Count == 0)
            {
                sb.Line($"Not measured: {measured.Select(x => x.RolloutNotMeasured).FirstOrDefault()}.");
            }
            else
            {
                sb.Line("A strategic-merge PATCH of the container image (what `kubectl set image` sends); complete when observedGeneration >= generation and " +
                        $"replicas == updatedReplicas == availableReplicas == {o.Replicas:N0} (the condition `kubectl rollout status` waits for).");
                sb.Line();
                sb.Line("| | |").Line("|---|---|");
                sb.Line($"| **PATCH to rollout complete** | **{Fig(rolled.Select(x => x.RolloutSeconds), "0.00")} s** |");
                var maxPods = o.Replicas + (int)Math.Ceiling(o.Replicas * 0.25);
                var minReady = o.Replicas - (int)Math.Floor(o.Replicas * 0.25);
                sb.Line($"| Highest sum of the ReplicaSets' spec.replicas (what maxSurge 25% bounds: {maxPods}) | {Fig(rolled.Select(x => (double)x.RolloutMaxSpecSum), "0")} |");
                sb.Line($"| Lowest sum of the ReplicaSets' status.availableReplicas (what maxUnavailable 25% bounds: {minReady}) | {Fig(rolled.Select(x => (double)x.RolloutMinAvailableSum), "0")} |");
                sb.Line($"| Most pods existing and not terminating at once, on the pod watch (maxSurge 25% allows {maxPods}) | {Fig(rolled.Select(x => (double)x.RolloutMaxLivePods), "0")} |");
                sb.Line($"| Fewest pods Ready and not terminating at once, on the pod watch (maxUnavailable 25% allows {minReady}) | {Fig(rolled.Select(x => (double)x.RolloutMinReadyPods), "0")} |");
                sb.Line($"| Highest Deployment status.replicas seen | {Fig(rolled.Select(x => (double)x.RolloutMaxReplicas), "0")} |");
                sb.Line($"| Lowest Deployment status.availableReplicas seen | {Fig(rolled.Select(x => (double)x.RolloutMinAvailable), "0")} |");
                sb.Line($"| New pods Ready | {Fig(rolled.Select(x => (double)x.NewPodsReady), "0")} |");
                sb.Line($"| edgeorch CPU during the rollout | {Fig(rolled.Select(x => x.RolloutServerCpu.CpuSeconds), "0.0")} s = {Fig(rolled.Select(x => x.RolloutServerCpu.PercentOfOneCore), "0")}% of one core |");
                sb.Line($"| edgeorch VmRSS after it; VmHWM | {Fig(rolled.Select(x => x.RssAfterMiB), "0.0")} MiB; {Fig(rolled.Select(x => x.HwmAfterMiB), "0.0")} MiB |");
                sb.Line();
                sb.Line("Kubernetes applies maxSurge to the ReplicaSets' spec.replicas, so pods can briefly outnumber that bound while the old ReplicaSet's " +
                        "pod deletions are still being issued; the pod counts show how far. " +
                        "The pod counts are updated on every pod watch event (one watcher's view; the API's event order). The Deployment's status.replicas " +
                        "sums its ReplicaSets' status.replicas, which the ReplicaSet controller updates at its own pace, so it can lag the pods in both directions.");
            }
            sb.Line();
        }
        sb.Line($"Server exit codes on SIGTERM: {string.Join(", ", r.ExitCodes.Distinct())}.");
        return sb.ToString();
    }

    private static string FirstError(List<ScheduleRun> s) =>
        s.Select(x => x.Creates.FirstError).FirstOrDefault(e => e is not null) is { } e ? $" (first: {e})" : "";

    private static double P(double[] xs, double p) => Stats.Percentile(xs, p);

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.Where(x => !double.IsNaN(x)).ToArray();
        return a.Length == 0 ? double.NaN : Stats.Median(a);
    }

    /// <summary>The median over runs, with the per-run values when there are several.</summary>
    private static string Fig(IEnumerable<double> values, string format)
    {
        var a = values.ToArray();
        var m = Median(a);
        var text = double.IsNaN(m) ? "n/a" : m.ToString(format);
        return a.Length > 1 ? $"{text} [{string.Join(", ", a.Select(x => double.IsNaN(x) ? "n/a" : x.ToString(format)))}]" : text;
    }
}
