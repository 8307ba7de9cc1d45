namespace EdgeOrch.Controllers.Scheduler;

/// <summary>How a node failed a filter. Unresolvable failures (a label, a taint) cannot be fixed by preempting pods.</summary>
internal enum FilterCode
{
    Success,
    Unschedulable,
    UnschedulableAndUnresolvable,
}

/// <summary>A filter's verdict on one node, with Kubernetes' reason texts (counted across nodes in the FailedScheduling message).</summary>
internal sealed record FilterStatus(FilterCode Code, IReadOnlyList<string> Reasons)
{
    public static readonly FilterStatus Success = new(FilterCode.Success, []);

    public bool IsSuccess => Code == FilterCode.Success;

    public static FilterStatus Unschedulable(params string[] reasons) => new(FilterCode.Unschedulable, reasons);

    public static FilterStatus Unresolvable(params string[] reasons) => new(FilterCode.UnschedulableAndUnresolvable, reasons);
}
