using EdgeOrch.Controllers.NodeLifecycle;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers;

/// <summary>Every controller `edgeorch server` runs. One line per controller (each lives in its own folder).</summary>
public static class BuiltinControllers
{
    public static IReadOnlyList<IController> Create(ControllerContext context) =>
    [
        new SchedulerController(context),
        new NodeLifecycleController(context),
    ];
}
