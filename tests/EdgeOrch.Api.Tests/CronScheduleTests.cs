using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class CronScheduleTests
{
    private static DateTime Next(string spec, string after)
    {
        Assert.True(CronSchedule.TryParse(spec, out var s, out var error), error);
        return s!.Next(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture))!.Value;
    }

    [Theory]
    [InlineData("*/5 * * * *", "2025-01-01T10:03:30", "2025-01-01T10:05:00")]
    [InlineData("0 * * * *", "2025-01-01T10:00:00", "2025-01-01T11:00:00")]
    [InlineData("@daily", "2025-01-01T10:00:00", "2025-01-02T00:00:00")]
    [InlineData("30 2 * * mon", "2025-01-01T00:00:00", "2025-01-06T02:30:00")]
    [InlineData("0 0 1 jan *", "2025-03-01T00:00:00", "2026-01-01T00:00:00")]
    [InlineData("0 0 * * 7", "2025-01-01T00:00:00", "2025-01-05T00:00:00")]
    [InlineData("0 0 13 * 5", "2025-01-01T00:00:00", "2025-01-03T00:00:00")]
    public void ComputesNextRun(string spec, string after, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Next(spec, after));

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("60 * * * *", "end of range (60) above maximum (59): 60")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("@sometimes", "unrecognized descriptor: @sometimes")]
    public void ReportsErrors(string spec, string error)
    {
        Assert.False(CronSchedule.TryParse(spec, out _, out var actual));
        Assert.Equal(error, actual);
    }
}
