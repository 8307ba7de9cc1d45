namespace EdgeOrch.Controllers.Scheduler;

/// <summary>The resources the scheduler counts, in Kubernetes' units: milli-cpu, bytes, and a pod count.</summary>
internal readonly record struct ResourceAmounts(long MilliCpu, long Memory, long EphemeralStorage, long Pods)
{
    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu + b.MilliCpu, a.Memory + b.Memory, a.EphemeralStorage + b.EphemeralStorage, a.Pods + b.Pods);

    public static ResourceAmounts operator -(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu - b.MilliCpu, a.Memory - b.Memory, a.EphemeralStorage - b.EphemeralStorage, a.Pods - b.Pods);

    public static ResourceAmounts Max(ResourceAmounts a, ResourceAmounts b) =>
        new(Math.Max(a.MilliCpu, b.MilliCpu), Math.Max(a.Memory, b.Memory), Math.Max(a.EphemeralStorage, b.EphemeralStorage), Math.Max(a.Pods, b.Pods));
}
