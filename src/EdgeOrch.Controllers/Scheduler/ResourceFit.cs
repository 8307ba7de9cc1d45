namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// The NodeResourcesFit filter and the two resource scores (NodeResourcesFit's LeastAllocated strategy and
/// NodeResourcesBalancedAllocation), over cpu and memory with equal weights as in Kubernetes' defaults.
/// </summary>
internal static class ResourceFit
{
    public const string TooManyPods = "Too many pods";

    public static FilterStatus Filter(SchedulingPod pod, NodeInfo node)
    {
        var reasons = new List<string>(2);
        var free = node.Allocatable - node.Requested;
        if (free.Pods < 1)
            reasons.Add(TooManyPods);
        var r = pod.Requests;
        if (r.MilliCpu > 0 && r.MilliCpu > free.MilliCpu)
            reasons.Add("Insufficient cpu");
        if (r.Memory > 0 && r.Memory > free.Memory)
            reasons.Add("Insufficient memory");
        // A node that does not report ephemeral-storage is not judged on it (local storage isolation off).
        if (r.EphemeralStorage > 0 && node.HasEphemeralStorage && r.EphemeralStorage > free.EphemeralStorage)
            reasons.Add("Insufficient ephemeral-storage");
        return reasons.Count == 0 ? FilterStatus.Success : new FilterStatus(FilterCode.Unschedulable, reasons);
    }

    /// <summary>0..100: the mean free fraction of cpu and memory once the pod is placed (non-zero requests).</summary>
    public static long LeastAllocated(SchedulingPod pod, NodeInfo node)
    {
        var requested = node.NonZeroRequested + pod.NonZeroRequests;
        var cpu = Free(requested.MilliCpu, node.Allocatable.MilliCpu);
        var memory = Free(requested.Memory, node.Allocatable.Memory);
        return (cpu + memory) / 2;
    }

    /// <summary>0..100: how evenly cpu and memory would be used: (1 - standard deviation of the two fractions) * 100.</summary>
    public static long BalancedAllocation(SchedulingPod pod, NodeInfo node)
    {
        // Kubernetes uses the plain (not non-zero) requests here.
        var requested = node.Requested + pod.Requests;
        var cpu = Fraction(requested.MilliCpu, node.Allocatable.MilliCpu);
        var memory = Fraction(requested.Memory, node.Allocatable.Memory);
        var std = Math.Abs(cpu - memory) / 2;
        return (long)((1 - std) * 100);
    }

    private static long Free(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;

    private static double Fraction(long requested, long capacity) =>
        capacity == 0 ? 1 : Math.Min(1, (double)requested / capacity);
}
