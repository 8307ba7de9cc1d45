using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class NameValidationTests
{
    private const string SubdomainDetail =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelDetail =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [Theory]
    [InlineData("web")]
    [InlineData("web.example.com")]
    [InlineData("a-1")]
    [InlineData("1abc")]
    public void AcceptsValidSubdomains(string name) => Assert.Empty(NameValidation.IsDns1123Subdomain(name));

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web_1")]
    [InlineData("web..x")]
    [InlineData("")]
    public void RejectsInvalidSubdomainsWithKubernetesText(string name) =>
        Assert.Equal([SubdomainDetail], NameValidation.IsDns1123Subdomain(name));

    [Fact]
    public void SubdomainLengthIsLimited() =>
        Assert.Contains("must be no more than 253 characters", NameValidation.IsDns1123Subdomain(new string('a', 254)));

    [Fact]
    public void LabelsRejectDotsAndBadCharacters()
    {
        Assert.Equal(["must not contain dots"], NameValidation.IsDns1123Label("a.b"));
        Assert.Equal([LabelDetail], NameValidation.IsDns1123Label("A"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));
    }

    [Fact]
    public void Dns1035LabelsMustStartWithALetter()
    {
        Assert.Empty(NameValidation.IsDns1035Label("web-service"));
        Assert.Equal(
            ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            NameValidation.IsDns1035Label("1web"));
    }

    [Theory]
    [InlineData("app")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("My_Key.1")]
    public void AcceptsQualifiedNames(string key) => Assert.Empty(NameValidation.IsQualifiedName(key));

    [Fact]
    public void QualifiedNameErrorsNameThePart()
    {
        Assert.Equal(["prefix part must be non-empty"], NameValidation.IsQualifiedName("/name"));
        Assert.Contains("name part must be non-empty", NameValidation.IsQualifiedName("example.com/"));
        Assert.StartsWith("prefix part a lowercase RFC 1123 subdomain", NameValidation.IsQualifiedName("Example.com/x").Single());
        Assert.StartsWith("a qualified name must consist of", NameValidation.IsQualifiedName("a/b/c").Single());
        Assert.Contains("name part must be no more than 63 characters", NameValidation.IsQualifiedName(new string('a', 64)));
    }

    [Fact]
    public void LabelValues()
    {
        Assert.Empty(NameValidation.IsValidLabelValue(""));
        Assert.Empty(NameValidation.IsValidLabelValue("v1.2_beta-3"));
        Assert.Equal(
            ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
            NameValidation.IsValidLabelValue("bad value"));
    }

    [Fact]
    public void PortNamesFollowIana()
    {
        Assert.Empty(NameValidation.IsValidPortName("http"));
        Assert.Equal(["must contain at least one letter (a-z)"], NameValidation.IsValidPortName("8080"));
        Assert.Contains("must not contain consecutive hyphens (-)", NameValidation.IsValidPortName("a--b"));
        Assert.Contains("must be no more than 15 characters", NameValidation.IsValidPortName("abcdefghijklmnop"));
    }

    [Fact]
    public void ConfigKeysAndEnvNames()
    {
        Assert.Empty(NameValidation.IsConfigMapKey("app.properties"));
        Assert.Contains("must not be '..'", NameValidation.IsConfigMapKey(".."));
        Assert.Single(NameValidation.IsConfigMapKey("a/b"));
        Assert.Empty(NameValidation.IsEnvVarName("MY_VAR.1"));
        Assert.Single(NameValidation.IsEnvVarName("1VAR"));
    }
}
