using EdgeOrch.Api.Quantities;

namespace EdgeOrch.Api.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("100m", "100m")]
    [InlineData("128Mi", "128Mi")]
    [InlineData("1.5", "1500m")]
    [InlineData("0.5", "500m")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E3", "1e3")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("1500000", "1500k")]
    [InlineData("1.5k", "1500")]
    [InlineData("1000m", "1")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("2048", "2048")]
    [InlineData("0", "0")]
    [InlineData("0Mi", "0")]
    [InlineData("-100m", "-100m")]
    [InlineData("+2", "2")]
    [InlineData("5G", "5G")]
    [InlineData("1E", "1E")]
    [InlineData("12e6", "12e6")]
    [InlineData("0.000000001", "1n")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("1u", "1u")]
    [InlineData(".5", "500m")]
    [InlineData("3.", "3")]
    public void ParsesAndPrintsCanonically(string input, string canonical) =>
        Assert.Equal(canonical, Quantity.Parse(input).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1K")]
    [InlineData("1Kb")]
    [InlineData("1 Gi")]
    [InlineData("e3")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("--1")]
    public void RejectsMalformed(string input) => Assert.False(Quantity.TryParse(input, out _));

    [Fact]
    public void TrimsSurroundingWhitespaceLikeTheJsonDecoder() => Assert.Equal("1Mi", Quantity.Parse(" 1Mi\n").ToString());

    [Fact]
    public void ComparesAcrossFormats()
    {
        Assert.Equal(Quantity.Parse("1Gi"), Quantity.Parse("1073741824"));
        Assert.True(Quantity.Parse("500m") < Quantity.Parse("1"));
        Assert.True(Quantity.Parse("1Ki") > Quantity.Parse("1k"));
        Assert.Equal(Quantity.Parse("1").GetHashCode(), Quantity.Parse("1000m").GetHashCode());
    }

    [Fact]
    public void ValuesRoundUp()
    {
        Assert.Equal(2, Quantity.Parse("1500m").Value);
        Assert.Equal(1500, Quantity.Parse("1.5").MilliValue);
        Assert.Equal(1, Quantity.Parse("1n").MilliValue);
        Assert.Equal(128L * 1024 * 1024, Quantity.Parse("128Mi").Value);
    }

    [Fact]
    public void AddsAndSubtracts()
    {
        Assert.Equal("1100m", (Quantity.Parse("1") + Quantity.Parse("100m")).ToString());
        Assert.Equal("1536Mi", (Quantity.Parse("1Gi") + Quantity.Parse("512Mi")).ToString());
        Assert.Equal("-1", (Quantity.Parse("1") - Quantity.Parse("2")).ToString());
    }

    [Fact]
    public void RoundUpToMilli()
    {
        Assert.Equal("2m", Quantity.Parse("1.5m").RoundUp(-3).ToString());
        Assert.Equal("1m", Quantity.Parse("1n").RoundUp(-3).ToString());
    }
}
