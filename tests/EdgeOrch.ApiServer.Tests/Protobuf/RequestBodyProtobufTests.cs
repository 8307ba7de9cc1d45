using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

public sealed class RequestBodyProtobufTests
{
    [Fact]
    public void ProtobufContentType_IsDecodedToTheJsonObject()
    {
        var body = Convert.FromBase64String(KubectlFixtures.Configmap);
        var json = RequestBody.ParseObject(body, "application/vnd.kubernetes.protobuf");
        Assert.Equal("ConfigMap", json["kind"]!.GetValue<string>());
        Assert.Equal("two", json["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public void MalformedProtobuf_IsA400()
    {
        var e = Assert.Throws<ApiException>(() => RequestBody.Parse([1, 2, 3], "application/vnd.kubernetes.protobuf"));
        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
    }
}
