using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers;

/// <summary>Every built-in controller, one line each (the controller host starts them all).</summary>
public static class BuiltinControllers
{
    public static IReadOnlyList<IController> Create(ControllerContext context) =>
    [
        new ReplicaSet.ReplicaSetController(context),
        new Deployment.DeploymentController(context),
    ];
}
