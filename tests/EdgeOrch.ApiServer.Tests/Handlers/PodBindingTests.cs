using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Handlers;
using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Tests.Handlers;

public class PodBindingTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static JsonObject Pod(string? node = null, bool deleting = false)
    {
        var pod = JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default","resourceVersion":"7"},"spec":{"containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/1 nodes are available"}]}}""")!.AsObject();
        if (node is not null) pod["spec"]!["nodeName"] = node;
        if (deleting) pod["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
        return pod;
    }

    [Fact]
    public void AssignSetsNodeNameAndMarksScheduled()
    {
        var bound = PodBinding.Assign("web-1", "node1", new JsonObject { ["a"] = "b" }, Now)(Pod());
        Assert.Equal("node1", (string?)bound["spec"]!["nodeName"]);
        var condition = bound["status"]!["conditions"]![0]!.AsObject();
        Assert.Equal("True", (string?)condition["status"]);
        Assert.False(condition.ContainsKey("reason"));
        Assert.Equal("2025-01-02T03:04:05Z", (string?)condition["lastTransitionTime"]);
        Assert.Equal("b", (string?)bound["metadata"]!["annotations"]!["a"]);
    }

    [Fact]
    public void AlreadyAssignedIsAConflictWithKubernetesMessage()
    {
        var e = Assert.Throws<ApiException>(() => PodBinding.Assign("web-1", "node2", null, Now)(Pod("node1")));
        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Contains("pod web-1 is already assigned to node \"node1\"", e.Message);
    }

    [Fact]
    public void DeletingPodIsNotBound()
    {
        var e = Assert.Throws<ApiException>(() => PodBinding.Assign("web-1", "node2", null, Now)(Pod(deleting: true)));
        Assert.Equal(409, e.Code);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web-1"},"target":{"kind":"Node","name":"n1"}}""", "n1")]
    [InlineData("""{"target":{"name":"n2"}}""", "n2")]
    public void TargetNodeIsRead(string body, string expected) =>
        Assert.Equal(expected, PodBinding.TargetNode(JsonNode.Parse(body)!.AsObject(), "web-1"));

    [Theory]
    [InlineData("""{"metadata":{"name":"other"},"target":{"kind":"Node","name":"n1"}}""", 400)]
    [InlineData("""{"target":{"kind":"Pod","name":"n1"}}""", 422)]
    [InlineData("""{"target":{"kind":"Node"}}""", 422)]
    public void BadBindingsAreRefused(string body, int code) =>
        Assert.Equal(code, Assert.Throws<ApiException>(() => PodBinding.TargetNode(JsonNode.Parse(body)!.AsObject(), "web-1")).Code);
}
