using EdgeOrch.Controllers.Runtime;

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
    ];
}
