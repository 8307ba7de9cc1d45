namespace EdgeOrch.Bench;

/// <summary>Phase 1 and 4 of one run: N bare pods created, scheduled, Ready, then held idle.</summary>
internal sealed class ScheduleRun
{
    public int Requested { get; set; }
    public LoadResult Creates { get; set; } = new(0, 0, 0, [], null);
    public int Bound { get; set; }
    public int Ready { get; set; }
    /// <summary>First create sent to the last binding seen on the watch.</summary>
    public double BindWindowSeconds { get; set; } = double.NaN;
    public double PodsPerSecond => Bound / BindWindowSeconds;
    /// <summary>Per pod: create request sent to the binding (spec.nodeName) seen on the watch.</summary>
    public double[] BindLatenciesMs { get; set; } = [];
    /// <summary>Per pod: create request sent to Ready=True seen on the watch (the simulated kubelet's patch included).</summary>
    public double[] ReadyLatenciesMs { get; set; } = [];
    public double AllReadySeconds { get; set; } = double.NaN;
    public CpuWindow ServerCpu { get; set; } = CpuWindow.Empty;
    public CpuWindow SimCpu { get; set; } = CpuWindow.Empty;
    /// <summary>The scheduler's reconciles (scheduling cycles) and their summed duration, from the server's /metrics.</summary>
    public double SchedulerCycles { get; set; } = double.NaN;
    public double SchedulerBusySeconds { get; set; } = double.NaN;
    /// <summary>Cycles per second of cycle time: what one scheduler worker could do if pods arrived without pause.</summary>
    public double SchedulerCapacity => SchedulerCycles / SchedulerBusySeconds;
    public string? Error { get; set; }

    public double RssBeforeMiB { get; set; } = double.NaN;
    /// <summary>From all pods Ready until the server's CPU fell under 5% of a core over 1 s (NaN: not within 60 s).</summary>
    public double QuietAfterSeconds { get; set; } = double.NaN;
    public CpuWindow IdleServerCpu { get; set; } = CpuWindow.Empty;
    public CpuWindow IdleSimCpu { get; set; } = CpuWindow.Empty;
    public double IdleRssMiB { get; set; } = double.NaN;
    public double IdleHwmMiB { get; set; } = double.NaN;
    /// <summary>The anonymous part of VmRSS (heaps), as opposed to mapped files such as the binary.</summary>
    public double IdleRssAnonMiB { get; set; } = double.NaN;
    public double SimRssMiB { get; set; } = double.NaN;
    public double NodesReadySeconds { get; set; } = double.NaN;
}

/// <summary>Phases 2 and 3 of one run: a Deployment from POST to all pods Ready, then a rolling update.</summary>
internal sealed class DeploymentRun
{
    /// <summary>Why the phase could not be measured (e.g. no Deployment controller in this build); null when measured.</summary>
    public string? NotMeasured { get; set; }
    public double FirstPodSeenSeconds { get; set; } = double.NaN;
    public double AllPodsSeenSeconds { get; set; } = double.NaN;
    public double AllBoundSeconds { get; set; } = double.NaN;
    public double AllPodsReadySeconds { get; set; } = double.NaN;
    /// <summary>POST to status.readyReplicas == replicas on the Deployment.</summary>
    public double ReadyReplicasSeconds { get; set; } = double.NaN;
    public double AvailableSeconds { get; set; } = double.NaN;
    public CpuWindow ServerCpu { get; set; } = CpuWindow.Empty;
    public string? FinalState { get; set; }

    public string? RolloutNotMeasured { get; set; }
    /// <summary>PATCH of the image to rollout complete (kubectl rollout status's condition).</summary>
    public double RolloutSeconds { get; set; } = double.NaN;
    public int RolloutMaxReplicas { get; set; }
    public int RolloutMinAvailable { get; set; }
    /// <summary>The same bounds from the pod watch: pods existing and not terminating; pods Ready and not terminating.</summary>
    public int RolloutMaxLivePods { get; set; }
    /// <summary>What Kubernetes bounds: the sum of the ReplicaSets' spec.replicas and of their status.availableReplicas.</summary>
    public int RolloutMaxSpecSum { get; set; }
    public int RolloutMinAvailableSum { get; set; }
    public int RolloutMinReadyPods { get; set; }
    public int NewPodsReady { get; set; }
    public CpuWindow RolloutServerCpu { get; set; } = CpuWindow.Empty;
    public string? RolloutFinalState { get; set; }
    public double RssAfterMiB { get; set; } = double.NaN;
    public double HwmAfterMiB { get; set; } = double.NaN;
}

/// <summary>Everything the control-plane scenario measured.</summary>
internal sealed class ControlPlaneResults
{
    public List<ScheduleRun> Schedules { get; } = [];
    public List<DeploymentRun> Deployments { get; } = [];
    public List<int> ExitCodes { get; } = [];
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
    public double TotalSeconds { get; set; }
}
