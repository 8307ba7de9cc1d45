using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Endpoints;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Endpoints.EndpointObjects;

namespace EdgeOrch.Controllers.Tests.Endpoints;

public sealed class EndpointsControllerTests
{
    private static async Task<ControllerHarness> StartAsync(params (string Plural, JsonObject Obj)[] seed)
    {
        var h = new ControllerHarness(ctx => new EndpointsController(ctx));
        foreach (var (plural, obj) in seed)
            h.Client.Seed(h.Type("", "v1", plural), obj);
        await h.StartAsync();
        await h.SettleAsync();
        return h;
    }

    [Fact]
    public async Task Ready_and_not_ready_pods_with_a_named_target_port()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: true)),
            ("pods", Pod("web-b", "10.42.0.6", ready: false)),
            ("pods", Pod("web-noip", null, ready: true)),
            ("pods", Pod("web-going", "10.42.0.7", ready: true, terminating: true)),
            ("pods", Pod("other", "10.42.0.9", ready: true, app: "db")));

        var ep = h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web");
        Assert.NotNull(ep);
        var subset = Assert.Single((JsonArray)ep["subsets"]!)!;
        Assert.Equal(["10.42.0.5"], Ips(subset["addresses"]));
        Assert.Equal(["10.42.0.6"], Ips(subset["notReadyAddresses"]));
        var port = Assert.Single((JsonArray)subset["ports"]!)!;
        Assert.Equal("http", (string?)port["name"]);
        Assert.Equal(8080, (long)port["port"]!);
        Assert.Equal("TCP", (string?)port["protocol"]);
        var address = subset["addresses"]![0]!;
        Assert.Equal("node-1", (string?)address["nodeName"]);
        Assert.Equal("Pod", (string?)address["targetRef"]!["kind"]);
        Assert.Equal("web-a", (string?)address["targetRef"]!["name"]);
        Assert.Equal("front", (string?)ep["metadata"]!["labels"]!["tier"]);
    }

    [Fact]
    public async Task Pods_whose_named_port_differs_get_their_own_subset()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: true, containerPort: 8080)),
            ("pods", Pod("web-b", "10.42.0.6", ready: true, containerPort: 9090)));

        var subsets = (JsonArray)h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web")!["subsets"]!;
        Assert.Equal(2, subsets.Count);
        Assert.Equal([8080L, 9090L], subsets.Select(s => (long)s!["ports"]![0]!["port"]!).Order());
    }

    [Fact]
    public async Task Publish_not_ready_addresses_lists_every_pod_as_ready_terminating_included()
    {
        await using var h = await StartAsync(
            ("services", Service(publishNotReady: true)),
            ("pods", Pod("web-a", "10.42.0.5", ready: true)),
            ("pods", Pod("web-b", "10.42.0.6", ready: false)),
            ("pods", Pod("web-going", "10.42.0.7", ready: true, terminating: true)));

        var subset = ((JsonArray)h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web")!["subsets"]!)[0]!;
        Assert.Equal(["10.42.0.5", "10.42.0.6", "10.42.0.7"], Ips(subset["addresses"]));
        Assert.Null(subset["notReadyAddresses"]);
    }

    [Fact]
    public async Task A_service_without_selector_gets_no_endpoints()
    {
        await using var h = await StartAsync(
            ("services", Service(selector: false)),
            ("pods", Pod("web-a", "10.42.0.5", ready: true)));

        Assert.Null(h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web"));
        Assert.Empty(h.Client.Writes);
    }

    [Fact]
    public async Task Nothing_is_written_when_nothing_that_matters_changed()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: true)));
        Assert.Single(h.Client.Writes);
        h.Client.ClearCalls();

        var pod = h.Client.Peek(h.Type("", "v1", "pods"), "default", "web-a")!;
        pod["status"]!["startTime"] = "2026-01-01T00:00:00Z";
        await h.Client.UpdateStatusAsync(h.Type("", "v1", "pods"), pod);
        var svc = h.Client.Peek(h.Type("", "v1", "services"), "default", "web")!;
        svc["metadata"]!["annotations"] = new JsonObject { ["note"] = "x" };
        await h.Client.UpdateAsync(h.Type("", "v1", "services"), svc);
        await h.SettleAsync();

        Assert.DoesNotContain(h.Client.Writes, c => c.Type.Plural == "endpoints");
    }

    [Fact]
    public async Task A_pod_becoming_ready_moves_to_addresses_and_a_deleted_service_takes_its_endpoints()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: false)));
        var pods = h.Type("", "v1", "pods");

        var pod = h.Client.Peek(pods, "default", "web-a")!;
        pod["status"]!["conditions"]![0]!["status"] = "True";
        await h.Client.UpdateStatusAsync(pods, pod);
        await h.SettleAsync();
        var subset = ((JsonArray)h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web")!["subsets"]!)[0]!;
        Assert.Equal(["10.42.0.5"], Ips(subset["addresses"]));

        await h.Client.DeleteAsync(h.Type("", "v1", "services"), "default", "web");
        await h.SettleAsync();
        Assert.Null(h.Client.Peek(h.Type("", "v1", "endpoints"), "default", "web"));
    }
}
