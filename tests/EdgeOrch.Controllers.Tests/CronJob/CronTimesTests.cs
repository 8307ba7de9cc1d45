using EdgeOrch.Api.Validation;
using EdgeOrch.Controllers.CronJob;

namespace EdgeOrch.Controllers.Tests.CronJob;

public sealed class CronTimesTests
{
    private static CronTimes Times(string spec, string zone)
    {
        Assert.True(CronSchedule.TryParse(spec, out var schedule, out _));
        Assert.True(CronTimes.TryZone(zone, TimeZoneInfo.Utc, out var tz, out _));
        return new CronTimes(schedule!, tz);
    }

    [Fact]
    public void IanaZonesResolveIncludingDaylightSaving()
    {
        var times = Times("30 2 * * *", "America/New_York");
        // July: EDT (UTC-4).
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 6, 30, 0, TimeSpan.Zero), times.Next(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        // 2025-03-09 02:30 does not exist in New York: the next run is 03-10 02:30 EDT.
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 6, 30, 0, TimeSpan.Zero), times.Next(new DateTimeOffset(2025, 3, 9, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void MostRecentCountsMissedTimes()
    {
        var times = Times("*/10 * * * *", "UTC");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (latest, missed) = times.MostRecent(start, start.AddMinutes(35));
        Assert.Equal(start.AddMinutes(30), latest);
        Assert.Equal(3, missed);
        Assert.Equal((null, 0), times.MostRecent(start, start.AddMinutes(5)));
    }

    [Fact]
    public void UnknownZoneIsAnError()
    {
        Assert.False(CronTimes.TryZone("No/Such_Zone", TimeZoneInfo.Utc, out _, out var error));
        Assert.NotNull(error);
    }
}
