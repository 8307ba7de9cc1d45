using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Scheduler;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Scheduler;

/// <summary>A scheduler cache filled with nodes and bound pods, and one-call scheduling against it.</summary>
internal sealed class SchedulerFixture
{
    public SchedulerFixture(params JsonObject[] nodes)
    {
        foreach (var n in nodes)
            Cache.SetNode(n);
    }

    public ManualTimeProvider Clock { get; } = new();

    public SchedulerCache Cache => _cache ??= new SchedulerCache(Clock);

    private SchedulerCache? _cache;

    public SchedulerFixture Bound(params JsonObject[] pods)
    {
        foreach (var p in pods)
            Cache.SetPod(p);
        return this;
    }

    public ScheduleResult Schedule(JsonObject pod, int seed = 1) => new SchedulingAlgorithm(new Random(seed)).Schedule(pod, Cache);

    public FilterStatus Filter(JsonObject pod, string node)
    {
        var sp = new SchedulingPod(pod);
        return SchedulingAlgorithm.RunFilters(sp, Cache.Node(node)!, InterPodAffinity.Compute(sp, Cache));
    }
}
