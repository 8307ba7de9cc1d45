using EdgeOrch.Store.Sqlite;

namespace EdgeOrch.Store.Tests;

public sealed class KeyRangeTests
{
    [Theory]
    [InlineData("", "", null)]
    [InlineData("/registry/pods/", "/registry/pods/", "/registry/pods0")]
    [InlineData("a\uffff", "a\uffff", "b")]
    [InlineData("\uffff", "\uffff", null)]
    public void PrefixBecomesAHalfOpenRange(string prefix, string low, string? high)
    {
        var range = KeyRange.ForPrefix(prefix);
        Assert.Equal(low, range.Low);
        Assert.Equal(high, range.High);
    }

    [Fact]
    public void ContainsExactlyTheKeysWithThePrefix()
    {
        var range = KeyRange.ForPrefix("/a/");
        Assert.True(range.Contains("/a/"));
        Assert.True(range.Contains("/a/\uffff"));
        Assert.False(range.Contains("/a0"));
        Assert.False(range.Contains("/a"));
        Assert.False(range.Contains("/b/"));
    }
}
