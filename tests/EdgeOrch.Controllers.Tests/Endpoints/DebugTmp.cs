using EdgeOrch.Controllers.Endpoints;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Endpoints.EndpointObjects;
namespace EdgeOrch.Controllers.Tests.Endpoints;
public sealed class DebugTmp
{
    [Fact]
    public async Task Dbg()
    {
        var h = new ControllerHarness(ctx => new EndpointsController(ctx));
        h.Client.Seed(h.Type("", "v1", "services"), Service());
        h.Client.Seed(h.Type("", "v1", "pods"), Pod("web-a", "10.42.0.5", ready: false));
        await h.StartAsync();
        await h.SettleAsync();
        var pods = h.Type("", "v1", "pods");
        var pod = h.Client.Peek(pods, "default", "web-a")!;
        pod["status"]!["conditions"]![0]!["status"] = "True";
        await h.Client.UpdateStatusAsync(pods, pod);
        await h.SettleAsync();
        await h.Controller.ReconcileAsync("default/web", default);
        Assert.Fail(string.Join("\n", h.Client.Calls.Select(c => $"{c.Verb} {c.Type.Plural} {c.Name} {c.Body?.ToJsonString()}")));
    }
}
