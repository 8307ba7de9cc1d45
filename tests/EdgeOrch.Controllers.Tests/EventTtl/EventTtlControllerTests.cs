using System.Text.Json.Nodes;
using EdgeOrch.Controllers.EventTtl;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.EventTtl;

public sealed class EventTtlControllerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static JsonObject Event(string name, DateTimeOffset last) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = "p", ["namespace"] = "default" },
        ["reason"] = "Started",
        ["lastTimestamp"] = last.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
    };

    [Fact]
    public async Task Events_older_than_an_hour_are_deleted_on_the_periodic_pass()
    {
        // The fake stamps creationTimestamp from the clock: create each Event at its own time.
        var clock = new ManualTimeProvider(Start.AddMinutes(-61));
        await using var h = new ControllerHarness(ctx => new EventTtlController(ctx), time: clock);
        var events = h.Type("", "v1", "events");
        h.Client.Seed(events, Event("old", Start.AddMinutes(-61)));
        clock.Advance(TimeSpan.FromMinutes(11));
        h.Client.Seed(events, Event("recent", Start.AddMinutes(-50)));
        clock.Advance(TimeSpan.FromMinutes(50));
        h.Client.Seed(events, Event("fresh", Start));
        await h.StartAsync();
        await h.SettleAsync();

        Assert.Equal(["fresh", "recent"], h.Client.PeekAll(events).Select(e => (string)e["metadata"]!["name"]!).Order());

        await h.AdvanceAsync(TimeSpan.FromMinutes(12));
        Assert.Equal(["fresh"], h.Client.PeekAll(events).Select(e => (string)e["metadata"]!["name"]!));

        await h.AdvanceAsync(TimeSpan.FromMinutes(51));
        Assert.Empty(h.Client.PeekAll(events));
    }

    [Fact]
    public async Task A_repeated_event_counts_from_its_last_occurrence()
    {
        var clock = new ManualTimeProvider(Start.AddHours(-5));
        await using var h = new ControllerHarness(ctx => new EventTtlController(ctx), time: clock);
        var events = h.Type("", "v1", "events");
        var repeated = Event("repeated", Start.AddMinutes(-10));
        repeated["firstTimestamp"] = Start.AddHours(-5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        h.Client.Seed(events, repeated);
        clock.Advance(TimeSpan.FromHours(5));
        await h.StartAsync();
        await h.SettleAsync();

        Assert.Single(h.Client.PeekAll(events));
        Assert.DoesNotContain(h.Client.Writes, c => c.Verb == "delete");
    }
}
