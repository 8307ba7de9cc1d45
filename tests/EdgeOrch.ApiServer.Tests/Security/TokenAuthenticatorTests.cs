using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Security;

public sealed class TokenAuthenticatorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly TokenAuthenticator _authenticator = new(Token);

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("bearer " + Token)]
    [InlineData("BEARER " + Token)]
    [InlineData("Bearer  " + Token + " ")]
    public void AcceptsTheTokenAsABearerCredential(string header) => Assert.True(_authenticator.IsValid(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData(Token)]
    [InlineData("Bearer" + Token)]
    [InlineData("Basic " + Token)]
    [InlineData("Bearer " + Token + "0")]
    [InlineData("Bearer " + "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("Bearer 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("Bearer x")]
    public void RejectsAnythingElse(string? header) => Assert.False(_authenticator.IsValid(header));

    [Fact]
    public void AnEmptyTokenCannotBeConfigured() =>
        Assert.ThrowsAny<ArgumentException>(() => new TokenAuthenticator(" "));
}
