using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

public sealed class EnvelopeAndSchemaTests
{
    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("Application/VND.Kubernetes.Protobuf; charset=binary", true)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/vnd.kubernetes.protobuf+json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsProtobuf_MatchesTheMediaTypeOnly(string? contentType, bool expected) =>
        Assert.Equal(expected, KubernetesProtobuf.IsProtobuf(contentType));

    [Fact]
    public void SchemaTables_HaveNoDanglingMessageReferences() =>
        Assert.Empty(ProtoSchemaSet.Default.DanglingReferences());

    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("v1", "Service")]
    [InlineData("v1", "Pod")]
    [InlineData("v1", "ResourceQuota")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("batch/v1", "Job")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("rbac.authorization.k8s.io/v1", "Role")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole")]
    [InlineData("rbac.authorization.k8s.io/v1", "RoleBinding")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")]
    [InlineData("networking.k8s.io/v1", "Ingress")]
    [InlineData("scheduling.k8s.io/v1", "PriorityClass")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    [InlineData("autoscaling/v1", "Scale")]
    [InlineData("authentication.k8s.io/v1", "TokenRequest")]
    [InlineData("v1", "DeleteOptions")]
    [InlineData("meta.k8s.io/v1", "DeleteOptions")]
    public void KindsKubectlCreates_AreCovered(string apiVersion, string kind) =>
        Assert.NotNull(ProtoSchemaSet.Default.ForKind(apiVersion, kind));

    [Fact]
    public void UnknownKind_IsAFormatException()
    {
        var body = ProtoWriter.Envelope("apps/v1", "StatefulSet", s => s.Message(1, m => m.String(1, "db")));
        var e = Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body));
        Assert.Contains("StatefulSet", e.Message);
    }

    [Fact]
    public void MissingMagic_IsAFormatException()
    {
        var e = Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode("{\"kind\":\"Namespace\"}"u8));
        Assert.Contains("k8s", e.Message);
    }

    [Fact]
    public void MissingTypeMeta_IsAFormatException()
    {
        byte[] body = [.. "k8s\0"u8.ToArray(), .. new ProtoWriter().Message(2, m => m.Message(1, o => o.String(1, "x"))).ToArray()];
        Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void TruncatedMessage_IsAFormatException()
    {
        var body = KubectlBody(KubectlFixtures.Deployment);
        Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body.AsSpan(0, body.Length - 7)));
    }

    [Fact]
    public void WrongWireType_IsAFormatException()
    {
        // metadata.name as a varint instead of a string.
        var body = ProtoWriter.Envelope("v1", "Namespace", n => n.Message(1, m => m.Varint(1, 5)));
        var e = Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body));
        Assert.Contains("metadata.name", e.Message);
    }

    [Fact]
    public void InvalidUtf8_IsAFormatException()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", n => n.Message(1, m => m.Bytes(1, [0xff, 0xfe])));
        Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void ContentEncoding_IsRejected()
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, "v1").String(2, "Namespace"))
            .Message(2, n => n.Message(1, m => m.String(1, "x")))
            .String(3, "gzip");
        byte[] body = [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
        Assert.Throws<FormatException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void EveryFixture_DecodesWithoutUnknownFields()
    {
        foreach (var field in typeof(KubectlFixtures).GetFields())
        {
            var json = KubernetesProtobuf.Decode(KubectlBody((string)field.GetValue(null)!), out var unknown);
            Assert.True(unknown.Count == 0, $"{field.Name}: {string.Join(", ", unknown)}");
            Assert.NotNull(json["kind"]);
        }
    }

    private static byte[] KubectlBody(string base64) => Convert.FromBase64String(base64);
}
