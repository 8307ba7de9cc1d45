using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Deployment;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class RolloutMathTests
{
    private static JsonObject Deployment(int replicas, JsonNode? surge, JsonNode? unavailable, string type = "RollingUpdate") => new()
    {
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["strategy"] = new JsonObject
            {
                ["type"] = type,
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = surge, ["maxUnavailable"] = unavailable },
            },
        },
    };

    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(1, "25%", "25%", 1, 0)]
    [InlineData(4, "0%", "0%", 0, 1)]
    [InlineData(5, "50%", "50%", 3, 2)]
    [InlineData(3, "1", "0", 1, 0)]
    public void FencepostsRoundSurgeUpAndUnavailableDown(int replicas, string surge, string unavailable, int wantSurge, int wantUnavailable)
    {
        JsonNode Parse(string v) => int.TryParse(v, out var n) ? JsonValue.Create(n) : JsonValue.Create(v);
        var (s, u) = RolloutMath.Fenceposts(Deployment(replicas, Parse(surge), Parse(unavailable)));
        Assert.Equal((wantSurge, wantUnavailable), (s, u));
    }

    [Fact]
    public void BothZeroMeansOneUnavailable() =>
        Assert.Equal(1, RolloutMath.MaxUnavailable(Deployment(4, JsonValue.Create(0), JsonValue.Create(0))));

    [Fact]
    public void RecreateHasNoSurgeAndNoUnavailability()
    {
        var d = Deployment(4, JsonValue.Create(2), JsonValue.Create(2), "Recreate");
        Assert.Equal(0, RolloutMath.MaxSurge(d));
        Assert.Equal(0, RolloutMath.MaxUnavailable(d));
    }

    [Fact]
    public void MaxUnavailableNeverExceedsReplicas() =>
        Assert.Equal(2, RolloutMath.MaxUnavailable(Deployment(2, JsonValue.Create(0), JsonValue.Create(5))));

    [Theory]
    [InlineData(10, 7, 100, 3)]
    [InlineData(10, 7, 2, 2)]
    [InlineData(10, 10, 100, 0)]
    [InlineData(0, 0, 100, 0)]
    // Seen at scale: an old set scaled down to 735 still reported 750 available; the cleanup must not scale it back to 750.
    [InlineData(735, 750, 100, 0)]
    public void UnhealthyCleanupNeverScalesUp(int replicas, int available, int budget, int want) =>
        Assert.Equal(want, RolloutMath.UnhealthyToCleanUp(replicas, available, budget));

    [Fact]
    public void AvailableWithinSpecIgnoresPodsASetIsAboutToDelete()
    {
        static JsonObject Set(int spec, int available) => new()
        {
            ["spec"] = new JsonObject { ["replicas"] = spec },
            ["status"] = new JsonObject { ["availableReplicas"] = available },
        };
        Assert.Equal(735 + 100, RolloutMath.AvailableWithinSpec([Set(735, 750), Set(250, 100)]));
        Assert.Equal(750 + 100, RolloutMath.AvailableReplicas([Set(735, 750), Set(250, 100)]));
    }
}
