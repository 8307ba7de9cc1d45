using EdgeOrch.Controllers.NodeLifecycle;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Scheduler;

namespace EdgeOrch.Controllers;

/// <summary>Every built-in controller, one line each. The root CA publisher needs the cluster CA and is added by the host
/// (<see cref="ServiceAccount.RootCaPublisherController"/>).</summary>
public static class BuiltinControllers
{
    public static IReadOnlyList<IController> Create(ControllerContext context) =>
    [
        new GarbageCollector.GarbageCollectorController(context),
        new Endpoints.EndpointsController(context),
        new EndpointSlice.EndpointSliceController(context),
        new ServiceAccount.ServiceAccountController(context),
        new EventTtl.EventTtlController(context),
        new StatefulSet.StatefulSetController(context),
        new DaemonSet.DaemonSetController(context),
        new Job.JobController(context),
        new CronJob.CronJobController(context),
        new SchedulerController(context),
        new NodeLifecycleController(context),
        new ReplicaSet.ReplicaSetController(context),
        new Deployment.DeploymentController(context),
    ];
}
