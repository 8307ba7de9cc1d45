using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

public class EventRecorderTests
{
    private static readonly ResourceRegistry Registry = new();
    private static readonly ResourceType Events = Registry.Find("", "v1", "events")!;

    private static JsonObject Deployment() => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "prod", ["uid"] = "u-1", ["resourceVersion"] = "7" },
    };

    [Fact]
    public async Task CreatesAnEventDescribingTheObject()
    {
        var clock = new ManualTimeProvider();
        var api = new FakeApiClient(clock);
        var recorder = new EventRecorder(api, clock);
        recorder.Record(Deployment(), "Normal", "ScalingReplicaSet", "Scaled up replica set web-1 to 3", "deployment-controller");
        await recorder.FlushAsync();

        var ev = Assert.Single(api.PeekAll(Events));
        Assert.StartsWith("web.", (string?)ev["metadata"]!["name"]);
        Assert.Matches("^web\\.[0-9a-f]+$", (string?)ev["metadata"]!["name"]);
        Assert.Equal("prod", (string?)ev["metadata"]!["namespace"]);
        Assert.Equal("Deployment", (string?)ev["involvedObject"]!["kind"]);
        Assert.Equal("apps/v1", (string?)ev["involvedObject"]!["apiVersion"]);
        Assert.Equal("u-1", (string?)ev["involvedObject"]!["uid"]);
        Assert.Equal("web", (string?)ev["involvedObject"]!["name"]);
        Assert.Equal("ScalingReplicaSet", (string?)ev["reason"]);
        Assert.Equal("Normal", (string?)ev["type"]);
        Assert.Equal("deployment-controller", (string?)ev["source"]!["component"]);
        Assert.Equal(1, (int?)ev["count"]);
        Assert.Equal("2025-01-01T00:00:00Z", (string?)ev["firstTimestamp"]);
        Assert.Equal("2025-01-01T00:00:00Z", (string?)ev["lastTimestamp"]);
    }

    [Fact]
    public async Task RepeatsBumpTheCountOfTheSameEvent()
    {
        var clock = new ManualTimeProvider();
        var api = new FakeApiClient(clock);
        var recorder = new EventRecorder(api, clock);
        recorder.Record(Deployment(), "Warning", "FailedCreate", "quota exceeded", "replicaset-controller");
        clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(Deployment(), "Warning", "FailedCreate", "quota exceeded", "replicaset-controller");
        recorder.Record(Deployment(), "Warning", "FailedCreate", "quota exceeded", "replicaset-controller");
        recorder.Record(Deployment(), "Warning", "FailedCreate", "another message", "replicaset-controller");
        await recorder.FlushAsync();

        var events = api.PeekAll(Events);
        Assert.Equal(2, events.Count);
        var repeated = events.Single(e => (string?)e["message"] == "quota exceeded");
        Assert.Equal(3, (int?)repeated["count"]);
        Assert.Equal("2025-01-01T00:00:00Z", (string?)repeated["firstTimestamp"]);
        Assert.Equal("2025-01-01T00:01:00Z", (string?)repeated["lastTimestamp"]);
        Assert.Equal(2, api.Calls.Count(c => c.Verb == "patch"));
        Assert.NotEqual((string?)events[0]["metadata"]!["name"], (string?)events[1]["metadata"]!["name"]);
    }

    [Fact]
    public async Task ARepeatOfADeletedEventStartsANewOne()
    {
        var api = new FakeApiClient();
        var recorder = new EventRecorder(api);
        recorder.Record(Deployment(), "Normal", "R", "m", "c");
        await recorder.FlushAsync();
        var first = Assert.Single(api.PeekAll(Events));
        await api.DeleteAsync(Events, "prod", (string)first["metadata"]!["name"]!);
        recorder.Record(Deployment(), "Normal", "R", "m", "c");
        await recorder.FlushAsync();
        Assert.Equal(1, (int?)Assert.Single(api.PeekAll(Events))["count"]);
    }

    [Fact]
    public async Task ClusterScopedObjectsGetEventsInDefault()
    {
        var api = new FakeApiClient();
        var recorder = new EventRecorder(api);
        recorder.Record(new JsonObject { ["kind"] = "Node", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["name"] = "n1", ["uid"] = "n" } },
            "Normal", "RegisteredNode", "Node n1 event: Registered Node n1 in Controller", "node-controller");
        await recorder.FlushAsync();
        var ev = Assert.Single(api.PeekAll(Events));
        Assert.Equal("default", (string?)ev["metadata"]!["namespace"]);
        Assert.Null(ev["involvedObject"]!["namespace"]);
    }

    [Fact]
    public async Task FailuresAreSwallowed()
    {
        var api = new FakeApiClient { Fault = _ => new ApiClientException(403, "Forbidden", "no") };
        var recorder = new EventRecorder(api);
        recorder.Record(Deployment(), "Normal", "R", "m", "c");
        await recorder.FlushAsync();
        Assert.Empty(api.PeekAll(Events));
        Assert.Single(api.Calls, c => c.Verb == "create");
    }
}
