using EdgeOrch.Api.Client;
using EdgeOrch.ApiServer.Security;

namespace EdgeOrch.ApiServer.Tests.Client;

public class KubeconfigFileTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Fact]
    public void ReadsWhatTheServerWrites()
    {
        var yaml = Kubeconfig.Render("default", "https://127.0.0.1:6443", Pem, "K10abc::server:xyz");
        var c = KubeconfigFile.Parse(yaml);
        Assert.Equal("https://127.0.0.1:6443", c.Server);
        Assert.Equal(Pem, c.CertificateAuthorityPem);
        Assert.Equal("K10abc::server:xyz", c.Token);
        Assert.False(c.InsecureSkipTlsVerify);
    }

    [Fact]
    public void FollowsTheNamedOrCurrentContext()
    {
        const string yaml = """
            apiVersion: v1
            kind: Config
            current-context: b
            clusters:
            - name: one
              cluster:
                server: https://one:6443/
                insecure-skip-tls-verify: true
            - name: two
              cluster:
                server: https://two:6443
                certificate-authority: ca.crt
            users:
            - name: u1
              user:
                token: t1
            - name: u2
              user:
                tokenFile: token
            contexts:
            - name: a
              context: {cluster: one, user: u1}
            - name: b
              context: {cluster: two, user: u2}
            """;
        var dir = Path.Combine(Path.GetTempPath(), "edgeorch-kc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "ca.crt"), Pem);
            File.WriteAllText(Path.Combine(dir, "token"), "t2\n");
            var path = Path.Combine(dir, "config");
            File.WriteAllText(path, yaml);

            var b = KubeconfigFile.Load(path);
            Assert.Equal("https://two:6443", b.Server);
            Assert.Equal(Pem, b.CertificateAuthorityPem);
            Assert.Equal("t2", b.Token);

            var a = KubeconfigFile.Load(path, "a");
            Assert.Equal("https://one:6443", a.Server);
            Assert.Null(a.CertificateAuthorityPem);
            Assert.Equal("t1", a.Token);
            Assert.True(a.InsecureSkipTlsVerify);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("just text")]
    [InlineData("current-context: x\ncontexts: []\n")]
    [InlineData("current-context: x\ncontexts:\n- name: x\n  context: {cluster: c}\nclusters: []\n")]
    [InlineData("current-context: x\ncontexts:\n- name: x\n  context: {cluster: c}\nclusters:\n- name: c\n  cluster: {certificate-authority-data: '%%%'}\n")]
    public void RejectsBrokenFiles(string yaml) => Assert.Throws<InvalidDataException>(() => KubeconfigFile.Parse(yaml));

    [Fact]
    public void BuildsRestPaths()
    {
        var registry = new Api.Resources.ResourceRegistry();
        Assert.Equal("/api/v1/namespaces/ns/pods/p", HttpApiClient.Path(registry.Find("", "v1", "pods")!, "ns", "p"));
        Assert.Equal("/api/v1/pods", HttpApiClient.Path(registry.Find("", "v1", "pods")!, null, null));
        Assert.Equal("/apis/apps/v1/namespaces/ns/deployments", HttpApiClient.Path(registry.Find("apps", "v1", "deployments")!, "ns", null));
        Assert.Equal("/api/v1/nodes/n1", HttpApiClient.Path(registry.Find("", "v1", "nodes")!, "ignored", "n1"));
    }
}
