using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class ConfigDataValidationTests
{
    private static JsonObject Obj(string kind, string json)
    {
        var obj = Manifests.Json(json);
        obj["metadata"] = Manifests.Json("""{"name":"c","namespace":"default"}""");
        ObjectDefaulter.Apply(Manifests.Builtin(kind), obj);
        return obj;
    }

    [Fact]
    public void KeysMustBeValid()
    {
        var errs = Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin("ConfigMap"), Obj("ConfigMap", """{"data":{"ok.key":"1","bad key":"2"}}""")));
        Assert.Equal(["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"], errs);
    }

    [Fact]
    public void TotalSizeIsLimitedToOneMebibyte()
    {
        var cm = Obj("ConfigMap", "{}");
        cm["data"] = new JsonObject { ["big"] = new string('x', 1024 * 1024 + 1) };
        Assert.Contains(ObjectValidator.ValidateCreate(Manifests.Builtin("ConfigMap"), cm), e => e.Reason == "FieldValueTooLong");
    }

    [Fact]
    public void ImmutableConfigMapRefusesDataChanges()
    {
        var old = Obj("ConfigMap", """{"immutable":true,"data":{"a":"1"}}""");
        var changed = Obj("ConfigMap", """{"immutable":true,"data":{"a":"2"}}""");
        Assert.Equal(["data: Forbidden: field is immutable when `immutable` is set"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("ConfigMap"), changed, old)));
        var unfrozen = Obj("ConfigMap", """{"immutable":false,"data":{"a":"1"}}""");
        Assert.Equal(["immutable: Forbidden: field is immutable when `immutable` is set"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("ConfigMap"), unfrozen, old)));
    }

    [Fact]
    public void SecretTypeIsImmutableAndTlsNeedsKeys()
    {
        var tls = Obj("Secret", """{"type":"kubernetes.io/tls","data":{"tls.crt":"eA=="}}""");
        Assert.Equal(["data[tls.key]: Required value"], Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin("Secret"), tls)));

        var old = Obj("Secret", """{"data":{"a":"eA=="}}""");
        var retyped = Obj("Secret", """{"type":"kubernetes.io/basic-auth","data":{"username":"eA=="}}""");
        Assert.Equal(["type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("Secret"), retyped, old)));
    }

    [Fact]
    public void SecretDataMustBeBase64() =>
        Assert.Single(ObjectValidator.ValidateCreate(Manifests.Builtin("Secret"), Obj("Secret", """{"data":{"a":"not base64!"}}""")));
}
