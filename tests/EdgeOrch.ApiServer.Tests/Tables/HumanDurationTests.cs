using EdgeOrch.ApiServer.Tables;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59, "59s")]
    [InlineData(60, "60s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(121, "2m1s")]
    [InlineData(200, "3m20s")]
    [InlineData(300, "5m")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(601, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 59, "3h")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(7 * 3600 + 59 * 60, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 3599, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(7 * 86400 + 23 * 3600, "7d23h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(45 * 86400 + 5 * 3600, "45d")]
    [InlineData(729L * 86400, "729d")]
    [InlineData(730L * 86400, "2y")]
    [InlineData(731L * 86400, "2y1d")]
    [InlineData(365L * 8 * 86400 - 86400, "7y364d")]
    [InlineData(365L * 8 * 86400, "8y")]
    [InlineData(365L * 20 * 86400 + 100 * 86400, "20y")]
    public void Formats_like_kubernetes(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Tolerates_small_clock_skew_but_not_large()
    {
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-500)));
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-1999)));
        Assert.Equal("<invalid>", HumanDuration.Format(TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void Fractions_of_a_second_are_truncated() =>
        Assert.Equal("4s", HumanDuration.Format(TimeSpan.FromMilliseconds(4999)));

    [Fact]
    public void Since_measures_to_now_and_knows_missing_times()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("5m", HumanDuration.Since(now.AddMinutes(-5), now));
        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
    }
}
