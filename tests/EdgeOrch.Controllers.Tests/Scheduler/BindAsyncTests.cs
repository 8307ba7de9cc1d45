using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Scheduler.Objects;

namespace EdgeOrch.Controllers.Tests.Scheduler;

public class BindAsyncTests
{
    private static readonly ResourceType Pods = new ResourceRegistry().Find("", "v1", "pods")!;

    [Fact]
    public async Task FallbackSetsNodeNameAndScheduledCondition()
    {
        var client = new FakeApiClient();
        var pod = Pod("web");
        pod["metadata"]!.AsObject().Remove("uid");
        client.Seed(Pods, pod);
        await client.BindAsync(Pods, "default", "web", "n1");
        var bound = client.Peek(Pods, "default", "web")!;
        Assert.Equal("n1", (string?)bound["spec"]!["nodeName"]);
        Assert.Equal("True", (string?)bound["status"]!["conditions"]![0]!["status"]);
    }
}
