using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>The outcome of one scheduling cycle: a node, or why none fits (with a preemption plan when one was found).</summary>
internal sealed record ScheduleResult(string? Node, string? Message, PreemptionPlan? Preemption = null)
{
    public static ScheduleResult Fits(string node) => new(node, null);
}

/// <summary>Lower-priority pods to evict from one node so that the pod fits there (status.nominatedNodeName).</summary>
internal sealed record PreemptionPlan(string Node, IReadOnlyList<JsonObject> Victims);
