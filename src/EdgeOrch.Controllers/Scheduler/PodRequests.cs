using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// What a pod asks of a node, computed as Kubernetes does (resource helpers' PodRequests): the sum over containers,
/// at least the largest init container (sidecars, restartPolicy Always, keep running and add to both), plus overhead.
/// </summary>
internal static class PodRequests
{
    /// <summary>Kubernetes' scoring defaults for a container that requests nothing (schedutil DefaultMilliCPURequest/DefaultMemoryRequest).</summary>
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemory = 200L * 1024 * 1024;

    /// <summary>The requests used for fitting; Pods is always 1.</summary>
    public static ResourceAmounts Of(JsonObject pod) => Compute(pod, nonZero: false);

    /// <summary>The requests used for scoring: containers without a cpu or memory request count the defaults.</summary>
    public static ResourceAmounts NonZero(JsonObject pod) => Compute(pod, nonZero: true);

    private static ResourceAmounts Compute(JsonObject pod, bool nonZero)
    {
        var spec = pod.Obj("spec");
        var sum = default(ResourceAmounts);
        foreach (var c in spec.Arr("containers").Objects())
            sum += Container(c, nonZero);

        var sidecars = default(ResourceAmounts);
        var init = default(ResourceAmounts);
        foreach (var c in spec.Arr("initContainers").Objects())
        {
            var r = Container(c, nonZero);
            if (c.Str("restartPolicy") == "Always")
            {
                sum += r;
                sidecars += r;
                r = sidecars;
            }
            else
            {
                r += sidecars;
            }
            init = ResourceAmounts.Max(init, r);
        }
        var total = ResourceAmounts.Max(sum, init) + List(spec.Obj("overhead"));
        return total with { Pods = 1 };
    }

    private static ResourceAmounts Container(JsonObject container, bool nonZero)
    {
        var requests = container.Obj("resources").Obj("requests");
        var r = List(requests);
        if (nonZero)
        {
            if (requests?["cpu"] is null) r = r with { MilliCpu = DefaultMilliCpu };
            if (requests?["memory"] is null) r = r with { Memory = DefaultMemory };
        }
        return r;
    }

    /// <summary>A ResourceList object (requests, overhead, allocatable) as amounts; absent entries are zero.</summary>
    public static ResourceAmounts List(JsonObject? list)
    {
        if (list is null) return default;
        return new ResourceAmounts(
            JsonRead.AsQuantity(list["cpu"])?.MilliValue ?? 0,
            JsonRead.AsQuantity(list["memory"])?.Value ?? 0,
            JsonRead.AsQuantity(list["ephemeral-storage"])?.Value ?? 0,
            JsonRead.AsQuantity(list["pods"])?.Value ?? 0);
    }
}
