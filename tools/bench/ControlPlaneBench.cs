using System.Diagnostics;

namespace EdgeOrch.Bench;

/// <summary>
/// The issue-3 scenario: the control plane at scale on simulated nodes. Per run, on one fresh cluster: N bare pods
/// created by 16 writers and scheduled (throughput and latency seen through a pod watch), then held idle for the idle
/// window (CPU, RSS); on a second fresh cluster: a Deployment from POST to all replicas Ready, then a rolling update.
/// </summary>
internal sealed class ControlPlaneBench(Options o, string[] args, string binary, string work)
{
    private const string SchedNs = "bench-sched";
    private const string DeployNs = "bench-deploy";
    private const string DeployName = "web";

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public async Task RunAsync(string outPath)
    {
        var total = Stopwatch.StartNew();
        var r = new ControlPlaneResults { LoadBefore = Machine.LoadAverage() };
        for (var run = 0; run < o.ControlPlaneRuns; run++)
        {
            Log($"control plane run {run + 1}/{o.ControlPlaneRuns}: {o.Pods} pods onto {o.Nodes} simulated nodes");
            r.Schedules.Add(await ScheduleAsync(Path.Combine(work, $"sched-{run}"), r));
            Log($"control plane run {run + 1}/{o.ControlPlaneRuns}: Deployment of {o.Replicas} replicas and a rolling update");
            r.Deployments.Add(await DeploymentAsync(Path.Combine(work, $"deploy-{run}"), r));
        }
        r.TotalSeconds = total.Elapsed.TotalSeconds;
        r.LoadAfter = Machine.LoadAverage();
        var section = ControlPlaneRenderer.Render(o, args, binary, r);
        Report.WriteSection(outPath, ControlPlaneRenderer.SectionTitle, section);
        Console.WriteLine(section);
        Log($"wrote {outPath} ({total.Elapsed.TotalSeconds:0} s)");
    }

    private async Task<ScheduleRun> ScheduleAsync(string dir, ControlPlaneResults results)
    {
        var run = new ScheduleRun { Requested = o.Pods };
        var cluster = await ControlPlaneCluster.StartAsync(binary, dir, o.Nodes, o.Clients);
        try
        {
            run.NodesReadySeconds = cluster.NodesReadySeconds;
            run.RssBeforeMiB = Rss.MiB(cluster.Server.Pid);
            await Workloads.CreateNamespaceAsync(cluster.Writers, SchedNs);
            var tracker = new PodTracker();
            await using var watch = await JsonWatch.StartAsync(cluster.Watches, $"/api/v1/namespaces/{SchedNs}/pods", tracker.OnEvent);
            await Task.Delay(300);

            var serverCpu = new CpuMeter(cluster.Server.Pid);
            var simCpu = new CpuMeter(cluster.Sim.Pid);
            var first = Stopwatch.GetTimestamp();
            run.Creates = await LoadRunner.RunCountAsync(o.Clients, o.Pods, async i =>
            {
                var name = $"pod-{i:D5}";
                tracker.MarkSent(name);
                var ok = await ControlPlaneWorkloads.CreateAsync(cluster.Writers, $"/api/v1/namespaces/{SchedNs}/pods", ControlPlaneWorkloads.PodJson(name));
                if (!ok)
                {
                    tracker.Forget(name);
                }
                return ok;
            });
            Log($"  {run.Creates.Ok} pods created in {run.Creates.Seconds:0.0} s ({run.Creates.PerSecond:0}/s, p99 {run.Creates.P99:0.0} ms, errors {run.Creates.Errors} {run.Creates.FirstError}); {tracker.Bound} bound so far");
            var created = run.Creates.Ok;
            var allBound = await PodTracker.WaitAsync(() => tracker.Bound >= created || watch.Error is not null, TimeSpan.FromSeconds(150),
                () => $"{tracker.Bound}/{created} bound, {tracker.EverReady} Ready");
            run.ServerCpu = serverCpu.Stop();
            run.SimCpu = simCpu.Stop();
            (run.SchedulerCycles, run.SchedulerBusySeconds) = await ServerMetrics.ReconcilesAsync(cluster.Writers, "scheduler");
            var pods = tracker.Pods.Values.Where(t => t.Sent != 0).ToArray();
            run.Bound = pods.Count(t => t.Bound > 0);
            var lastBound = pods.Where(t => t.Bound > 0).Select(t => t.Bound).DefaultIfEmpty(first).Max();
            run.BindWindowSeconds = Stats.TicksToMs(lastBound - first) / 1000.0;
            run.BindLatenciesMs = pods.Where(t => t.Bound > 0).Select(t => Stats.TicksToMs(t.Bound - t.Sent)).ToArray();
            if (!allBound)
            {
                run.Error = $"only {run.Bound} of {created} pods bound within 150 s";
            }
            Log($"  {run.Bound} bound in {run.BindWindowSeconds:0.0} s = {run.PodsPerSecond:0} pods/s; bind p50 {Stats.Percentile(run.BindLatenciesMs, 50):0} ms p99 {Stats.Percentile(run.BindLatenciesMs, 99):0} ms; server {run.ServerCpu}; " +
                $"scheduler {run.SchedulerCycles} cycles, {run.SchedulerBusySeconds:0.00} s busy");

            await PodTracker.WaitAsync(() => tracker.EverReady >= run.Bound || watch.Error is not null, TimeSpan.FromSeconds(60),
                () => $"{tracker.EverReady}/{run.Bound} Ready");
            run.Ready = pods.Count(t => t.Ready > 0);
            run.ReadyLatenciesMs = pods.Where(t => t.Ready > 0).Select(t => Stats.TicksToMs(t.Ready - t.Sent)).ToArray();
            var lastReady = pods.Where(t => t.Ready > 0).Select(t => t.Ready).DefaultIfEmpty(first).Max();
            run.AllReadySeconds = Stats.TicksToMs(lastReady - first) / 1000.0;
            run.Error ??= watch.Error;
            Log($"  {run.Ready} Ready {run.AllReadySeconds:0.0} s after the first create");

            // The server may still be catching up (e.g. writing the Scheduled events, which the recorder writes one at a
            // time): the idle window starts once it went quiet, and how long that took is reported.
            var quietFrom = Stopwatch.GetTimestamp();
            run.QuietAfterSeconds = await WaitQuietAsync(cluster.Server.Pid, TimeSpan.FromSeconds(60))
                ? Stats.TicksToMs(Stopwatch.GetTimestamp() - quietFrom) / 1000.0 : double.NaN;
            Log($"  server quiet {run.QuietAfterSeconds:0.0} s after all were Ready; holding {run.Ready} pods idle for {o.IdleSeconds} s");
            var idleServer = new CpuMeter(cluster.Server.Pid);
            var idleSim = new CpuMeter(cluster.Sim.Pid);
            await Task.Delay(TimeSpan.FromSeconds(o.IdleSeconds));
            run.IdleServerCpu = idleServer.Stop();
            run.IdleSimCpu = idleSim.Stop();
            run.IdleRssMiB = Rss.MiB(cluster.Server.Pid);
            run.IdleHwmMiB = Rss.MiB(cluster.Server.Pid, "VmHWM");
            run.IdleRssAnonMiB = Rss.MiB(cluster.Server.Pid, "RssAnon");
            run.SimRssMiB = Rss.MiB(cluster.Sim.Pid);
            Log($"  idle: server {run.IdleServerCpu}, RSS {run.IdleRssMiB:0.0} MiB (peak {run.IdleHwmMiB:0.0}); sim-nodes {run.IdleSimCpu}");
        }
        finally
        {
            await cluster.DisposeAsync();
            results.ExitCodes.Add(cluster.ServerExitCode);
        }
        return run;
    }

    /// <summary>Waits until the process used under 5% of one core over a 1 s window; false after the timeout.</summary>
    private static async Task<bool> WaitQuietAsync(int pid, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            var meter = new CpuMeter(pid);
            await Task.Delay(1000);
            if (meter.Stop().PercentOfOneCore < 5)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<DeploymentRun> DeploymentAsync(string dir, ControlPlaneResults results)
    {
        var run = new DeploymentRun();
        var n = o.Replicas;
        var cluster = await ControlPlaneCluster.StartAsync(binary, dir, o.Nodes, o.Clients);
        try
        {
            await Workloads.CreateNamespaceAsync(cluster.Writers, DeployNs);
            var pods = new PodTracker();
            var deployment = new DeploymentTracker(DeployName);
            await using var podWatch = await JsonWatch.StartAsync(cluster.Watches, $"/api/v1/namespaces/{DeployNs}/pods", pods.OnEvent);
            await using var deployWatch = await JsonWatch.StartAsync(cluster.Watches, $"/apis/apps/v1/namespaces/{DeployNs}/deployments", deployment.OnEvent);
            var replicaSets = new ReplicaSetTracker();
            await using var rsWatch = await JsonWatch.StartAsync(cluster.Watches, $"/apis/apps/v1/namespaces/{DeployNs}/replicasets", replicaSets.OnEvent);
            await Task.Delay(300);

            var cpu = new CpuMeter(cluster.Server.Pid);
            var t0 = Stopwatch.GetTimestamp();
            double Since(long from) => Stats.TicksToMs(Stopwatch.GetTimestamp() - from) / 1000.0;
            await ControlPlaneWorkloads.CreateOrThrowAsync(cluster.Writers, $"/apis/apps/v1/namespaces/{DeployNs}/deployments",
                ControlPlaneWorkloads.DeploymentJson(DeployName, n));

            // Each milestone is timed by polling the trackers every 10 ms, so the figures carry up to ~10 ms of slack.
            var deadline = TimeSpan.FromSeconds(90);
            var steps = new (Func<bool> Done, Action<double> Set)[]
            {
                (() => pods.Pods.Count > 0, s => run.FirstPodSeenSeconds = s),
                (() => pods.Pods.Count >= n, s => run.AllPodsSeenSeconds = s),
                (() => pods.Bound >= n, s => run.AllBoundSeconds = s),
                (() => pods.ReadyNow >= n, s => run.AllPodsReadySeconds = s),
                (() => deployment.State?.ReadyReplicas >= n, s => run.ReadyReplicasSeconds = s),
                (() => deployment.State?.AvailableReplicas >= n, s => run.AvailableSeconds = s),
            };
            var pending = steps.ToList();
            while (pending.Count > 0 && Since(t0) < deadline.TotalSeconds)
            {
                if (Since(t0) > 20 && pods.Pods.Count == 0 && (deployment.State?.ObservedGeneration ?? 0) == 0)
                {
                    run.NotMeasured = "the Deployment was stored but no controller acted on it within 20 s (no pod, no status.observedGeneration): " +
                                      "this build has no Deployment/ReplicaSet controller";
                    break;
                }
                foreach (var step in pending.Where(s => s.Done()).ToList())
                {
                    step.Set(Since(t0));
                    pending.Remove(step);
                }
                await Task.Delay(10);
            }
            run.ServerCpu = cpu.Stop();
            var watchError = podWatch.Error ?? deployWatch.Error;
            run.FinalState = $"{deployment.State}; pods seen {pods.Pods.Count}, bound {pods.Bound}, Ready {pods.ReadyNow}" +
                             (watchError is null ? "" : $"; watch error: {watchError}");
            if (run.NotMeasured is null && pending.Count > 0)
            {
                run.NotMeasured = $"not all replicas Ready within {deadline.TotalSeconds:0} s ({run.FinalState})";
            }
            Log($"  Deployment: first pod {run.FirstPodSeenSeconds:0.00} s, all pods {run.AllPodsSeenSeconds:0.00} s, bound {run.AllBoundSeconds:0.00} s, " +
                $"pods Ready {run.AllPodsReadySeconds:0.00} s, readyReplicas {run.ReadyReplicasSeconds:0.00} s; {run.FinalState}{(run.NotMeasured is null ? "" : "; NOT MEASURED: " + run.NotMeasured)}");
            if (run.NotMeasured is not null)
            {
                run.RolloutNotMeasured = "the Deployment never became Ready";
                return run;
            }

            await RolloutAsync(cluster, run, pods, deployment, replicaSets, n);
        }
        finally
        {
            await cluster.DisposeAsync();
            results.ExitCodes.Add(cluster.ServerExitCode);
        }
        return run;
    }

    private static async Task RolloutAsync(ControlPlaneCluster cluster, DeploymentRun run, PodTracker pods, DeploymentTracker deployment,
        ReplicaSetTracker replicaSets, int n)
    {
        // Let status settle (the last availableReplicas update) before the extremes start to count.
        await PodTracker.WaitAsync(() => deployment.State?.Complete(n) == true, TimeSpan.FromSeconds(10));
        var before = pods.Pods.Keys.ToHashSet(StringComparer.Ordinal);
        var generation = deployment.State?.Generation ?? 1;
        deployment.ResetExtremes();
        pods.StartExtremes();
        replicaSets.StartExtremes();
        var cpu = new CpuMeter(cluster.Server.Pid);
        var t0 = Stopwatch.GetTimestamp();
        await ControlPlaneWorkloads.PatchOrThrowAsync(cluster.Writers, $"/apis/apps/v1/namespaces/{DeployNs}/deployments/{DeployName}",
            ControlPlaneWorkloads.ImagePatch(ControlPlaneWorkloads.Image2));
        var done = await PodTracker.WaitAsync(
            () => deployment.State is { } s && s.Generation > generation && s.Complete(n), TimeSpan.FromSeconds(120),
            () => $"rollout: {deployment.State}");
        run.RolloutSeconds = done ? Stats.TicksToMs(Stopwatch.GetTimestamp() - t0) / 1000.0 : double.NaN;
        run.RolloutServerCpu = cpu.Stop();
        run.RolloutMaxReplicas = deployment.MaxReplicasSeen;
        run.RolloutMinAvailable = deployment.MinAvailableSeen;
        run.RolloutMaxLivePods = pods.MaxLive;
        run.RolloutMaxSpecSum = replicaSets.MaxSpecSum;
        run.RolloutMinAvailableSum = replicaSets.MinAvailableSum;
        run.RolloutMinReadyPods = pods.MinReadyLive;
        run.NewPodsReady = pods.Pods.Count(p => !before.Contains(p.Key) && p.Value.Ready > 0);
        run.RolloutFinalState = $"{deployment.State}";
        run.RssAfterMiB = Rss.MiB(cluster.Server.Pid);
        run.HwmAfterMiB = Rss.MiB(cluster.Server.Pid, "VmHWM");
        if (!done)
        {
            run.RolloutNotMeasured = $"not complete within 120 s ({deployment.State})";
        }
        Log($"  rolling update: {run.RolloutSeconds:0.00} s; status replicas at most {run.RolloutMaxReplicas}, available at least {run.RolloutMinAvailable}; " +
            $"pods at most {run.RolloutMaxLivePods}, Ready at least {run.RolloutMinReadyPods}; " +
            $"ReplicaSet spec sum at most {run.RolloutMaxSpecSum}, available sum at least {run.RolloutMinAvailableSum}; " +
            $"{run.NewPodsReady} new pods Ready; server {run.RolloutServerCpu}; {run.RolloutFinalState}");
    }
}
