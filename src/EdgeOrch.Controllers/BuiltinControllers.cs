using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers;

/// <summary>Every controller `edgeorch server` runs. One line per controller (each lives in its own folder).</summary>
public static class BuiltinControllers
{
    public static IReadOnlyList<IController> Create(ControllerContext context) =>
    [
        new ReplicaSet.ReplicaSetController(context),
        new Deployment.DeploymentController(context),
    ];
}
