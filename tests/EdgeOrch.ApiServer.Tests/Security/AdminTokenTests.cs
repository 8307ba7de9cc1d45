using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Security;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminTokenTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CreatesA256BitHexTokenInAnOwnerOnlyFile()
    {
        string token = AdminToken.LoadOrCreate(_dir.Path);

        Assert.Matches("^[0-9a-f]{64}$", token);
        string path = _dir.Combine("server", "token");
        Assert.Equal(path, AdminToken.PathIn(_dir.Path));
        Assert.Equal(token, File.ReadAllText(path).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void LaterStartsReuseTheToken()
    {
        string first = AdminToken.LoadOrCreate(_dir.Path);

        Assert.Equal(first, AdminToken.LoadOrCreate(_dir.Path));
    }

    [Fact]
    public void EachClusterGetsItsOwnToken()
    {
        using var other = new TempDirectory();

        Assert.NotEqual(AdminToken.LoadOrCreate(_dir.Path), AdminToken.LoadOrCreate(other.Path));
    }

    [Fact]
    public void AnOperatorSetTokenIsKept()
    {
        Directory.CreateDirectory(_dir.Combine("server"));
        File.WriteAllText(_dir.Combine("server", "token"), "my-chosen-token\n");

        Assert.Equal("my-chosen-token", AdminToken.LoadOrCreate(_dir.Path));
    }

    [Fact]
    public void AnEmptyTokenFileIsReplaced()
    {
        Directory.CreateDirectory(_dir.Combine("server"));
        File.WriteAllText(_dir.Combine("server", "token"), "  \n");

        Assert.Matches("^[0-9a-f]{64}$", AdminToken.LoadOrCreate(_dir.Path));
    }
}
