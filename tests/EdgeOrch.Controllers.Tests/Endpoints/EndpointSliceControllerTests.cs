using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.EndpointSlice;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Endpoints.EndpointObjects;

namespace EdgeOrch.Controllers.Tests.Endpoints;

public sealed class EndpointSliceControllerTests
{
    private static async Task<ControllerHarness> StartAsync(params (string Plural, JsonObject Obj)[] seed)
    {
        var h = new ControllerHarness(ctx => new EndpointSliceController(ctx));
        foreach (var (plural, obj) in seed)
            h.Client.Seed(h.Type("", "v1", plural), obj);
        await h.StartAsync();
        await h.SettleAsync();
        return h;
    }

    private static ResourceType Slices(ControllerHarness h) => h.Type("discovery.k8s.io", "v1", "endpointslices");

    private static JsonObject EndpointOf(JsonObject slice, string pod) =>
        ((JsonArray)slice["endpoints"]!).Single(e => (string?)e!["targetRef"]!["name"] == pod)!.AsObject();

    [Fact]
    public async Task One_ipv4_slice_with_conditions_node_target_and_resolved_port()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: true)),
            ("pods", Pod("web-b", "10.42.0.6", ready: false)),
            ("pods", Pod("web-noip", null, ready: true)),
            ("pods", Pod("web-going", "10.42.0.7", ready: true, terminating: true)),
            ("pods", Pod("other", "10.42.0.9", ready: true, app: "db")));

        var slice = Assert.Single(h.Client.PeekAll(Slices(h)));
        var labels = slice["metadata"]!["labels"]!;
        Assert.Equal("web", (string?)labels["kubernetes.io/service-name"]);
        Assert.Equal("endpointslice-controller.k8s.io", (string?)labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("IPv4", (string?)slice["addressType"]);
        Assert.StartsWith("web-", (string?)slice["metadata"]!["name"]);
        var owner = slice["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("Service", (string?)owner["kind"]);
        Assert.True((bool)owner["blockOwnerDeletion"]!);

        var port = Assert.Single((JsonArray)slice["ports"]!)!;
        Assert.Equal(("http", 8080L, "TCP"), ((string?)port["name"], (long)port["port"]!, (string?)port["protocol"]));

        Assert.Equal(3, ((JsonArray)slice["endpoints"]!).Count);
        var a = EndpointOf(slice, "web-a");
        Assert.Equal("10.42.0.5", (string?)a["addresses"]![0]);
        Assert.Equal("node-1", (string?)a["nodeName"]);
        Assert.Equal((true, true, false), ((bool)a["conditions"]!["ready"]!, (bool)a["conditions"]!["serving"]!, (bool)a["conditions"]!["terminating"]!));
        var b = EndpointOf(slice, "web-b");
        Assert.Equal((false, false, false), ((bool)b["conditions"]!["ready"]!, (bool)b["conditions"]!["serving"]!, (bool)b["conditions"]!["terminating"]!));
        var going = EndpointOf(slice, "web-going");
        Assert.Equal((false, true, true), ((bool)going["conditions"]!["ready"]!, (bool)going["conditions"]!["serving"]!, (bool)going["conditions"]!["terminating"]!));
    }

    [Fact]
    public async Task A_service_without_selector_gets_no_slices()
    {
        await using var h = await StartAsync(("services", Service(selector: false)), ("pods", Pod("web-a", "10.42.0.5", ready: true)));

        Assert.Empty(h.Client.PeekAll(Slices(h)));
        Assert.Empty(h.Client.Writes);
    }

    [Fact]
    public async Task A_service_selecting_nothing_gets_one_empty_placeholder()
    {
        await using var h = await StartAsync(("services", Service()));

        var slice = Assert.Single(h.Client.PeekAll(Slices(h)));
        Assert.Empty((JsonArray)slice["endpoints"]!);
        Assert.Null(slice["ports"]);
    }

    [Fact]
    public async Task Changes_update_the_same_slice_and_no_change_writes_nothing()
    {
        await using var h = await StartAsync(("services", Service()), ("pods", Pod("web-a", "10.42.0.5", ready: true)));
        var name = (string?)Assert.Single(h.Client.PeekAll(Slices(h)))["metadata"]!["name"];
        h.Client.ClearCalls();

        var pods = h.Type("", "v1", "pods");
        var pod = h.Client.Peek(pods, "default", "web-a")!;
        pod["status"]!["startTime"] = "2026-01-01T00:00:00Z";
        await h.Client.UpdateStatusAsync(pods, pod);
        await h.SettleAsync();
        Assert.DoesNotContain(h.Client.Writes, c => c.Type == Slices(h));

        h.Client.Seed(pods, Pod("web-b", "10.42.0.6", ready: true));
        await h.SettleAsync();
        var slice = Assert.Single(h.Client.PeekAll(Slices(h)));
        Assert.Equal(name, (string?)slice["metadata"]!["name"]);
        Assert.Equal(2, ((JsonArray)slice["endpoints"]!).Count);
        Assert.Single(h.Client.Writes, c => c.Type == Slices(h));
    }

    [Fact]
    public async Task Pods_with_different_resolved_ports_go_to_separate_slices()
    {
        await using var h = await StartAsync(
            ("services", Service()),
            ("pods", Pod("web-a", "10.42.0.5", ready: true, containerPort: 8080)),
            ("pods", Pod("web-b", "10.42.0.6", ready: true, containerPort: 9090)));

        var slices = h.Client.PeekAll(Slices(h));
        Assert.Equal(2, slices.Count);
        Assert.Equal([8080L, 9090L], slices.Select(s => (long)s["ports"]![0]!["port"]!).Order());
    }
}
