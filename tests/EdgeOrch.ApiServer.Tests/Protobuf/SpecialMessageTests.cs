using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>Quantity, Time, MicroTime, Duration, IntOrString and RawExtension renderings.</summary>
public sealed class SpecialMessageTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(2_000_000L, "2ms")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(-61_000_000_000L, "-1m1s")]
    public void GoDuration_MatchesGoFormatting(long nanos, string expected) =>
        Assert.Equal(expected, SpecialMessages.GoDuration(nanos));

    [Fact]
    public void Time_ZeroIsOmittedAndSecondsAreRfc3339()
    {
        Assert.Null(SpecialMessages.Time(ReadOnlySpan<byte>.Empty, micro: false, "t"));
        var body = new ProtoWriter().Varint(1, 0).Varint(2, 0).ToArray();
        Assert.Null(SpecialMessages.Time(body, micro: false, "t"));
        Assert.Equal("1970-01-01T00:00:01Z", SpecialMessages.Time(new ProtoWriter().Varint(1, 1).ToArray(), micro: false, "t"));
    }

    [Fact]
    public void MicroTime_HasSixFractionDigits()
    {
        var body = new ProtoWriter().Varint(1, 1_700_000_000).Varint(2, 123_456_789).ToArray();
        Assert.Equal("2023-11-14T22:13:20.123456Z", SpecialMessages.Time(body, micro: true, "t"));
    }

    [Fact]
    public void Time_OutOfRange_IsAFormatException()
    {
        var body = new ProtoWriter().Varint(1, long.MaxValue).ToArray();
        Assert.Throws<FormatException>(() => SpecialMessages.Time(body, micro: false, "t"));
    }

    [Fact]
    public void IntOrString_NumberOrString()
    {
        Assert.Equal("8080", SpecialMessages.IntOrString(new ProtoWriter().Varint(2, 8080).ToArray(), "p").ToJsonString());
        Assert.Equal("\"http\"", SpecialMessages.IntOrString(new ProtoWriter().Varint(1, 1).String(3, "http").ToArray(), "p").ToJsonString());
        Assert.Throws<FormatException>(() => SpecialMessages.IntOrString(new ProtoWriter().Varint(1, 7).ToArray(), "p"));
    }

    [Fact]
    public void Quantity_ZeroPrintsAsZero()
    {
        Assert.Equal("0", SpecialMessages.Quantity(ReadOnlySpan<byte>.Empty, "q"));
        Assert.Equal("1Gi", SpecialMessages.Quantity(new ProtoWriter().String(1, "1Gi").ToArray(), "q"));
    }
}
