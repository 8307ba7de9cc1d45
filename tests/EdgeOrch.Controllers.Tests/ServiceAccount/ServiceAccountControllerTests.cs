using System.Text.Json.Nodes;
using EdgeOrch.Controllers.ServiceAccount;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.ServiceAccount;

public sealed class ServiceAccountControllerTests
{
    private static JsonObject Namespace(string name, bool terminating = false)
    {
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
        if (terminating)
        {
            ns["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";
            ns["status"] = new JsonObject { ["phase"] = "Terminating" };
        }
        return ns;
    }

    [Fact]
    public async Task Every_active_namespace_gets_a_default_service_account_and_keeps_it()
    {
        await using var h = new ControllerHarness(ctx => new ServiceAccountController(ctx));
        var namespaces = h.Type("", "v1", "namespaces");
        var accounts = h.Type("", "v1", "serviceaccounts");
        h.Client.Seed(namespaces, Namespace("default"));
        h.Client.Seed(namespaces, Namespace("going", terminating: true));
        await h.StartAsync();
        await h.SettleAsync();

        Assert.NotNull(h.Client.Peek(accounts, "default", "default"));
        Assert.Null(h.Client.Peek(accounts, "going", "default"));

        h.Client.Seed(namespaces, Namespace("team-a"));
        await h.SettleAsync();
        Assert.NotNull(h.Client.Peek(accounts, "team-a", "default"));

        await h.Client.DeleteAsync(accounts, "team-a", "default");
        await h.SettleAsync();
        Assert.NotNull(h.Client.Peek(accounts, "team-a", "default"));
        Assert.Equal(3, h.Client.Writes.Count(c => c.Verb == "create" && c.Type == accounts));
    }

    [Fact]
    public async Task The_root_ca_config_map_is_published_and_corrected()
    {
        const string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        await using var h = new ControllerHarness(ctx => new RootCaPublisherController(ctx, pem));
        var configMaps = h.Type("", "v1", "configmaps");
        h.Client.Seed(h.Type("", "v1", "namespaces"), Namespace("default"));
        await h.StartAsync();
        await h.SettleAsync();

        var cm = h.Client.Peek(configMaps, "default", "kube-root-ca.crt");
        Assert.Equal(pem, (string?)cm!["data"]!["ca.crt"]);

        cm["data"]!["ca.crt"] = "tampered";
        await h.Client.UpdateAsync(configMaps, cm);
        await h.SettleAsync();
        Assert.Equal(pem, (string?)h.Client.Peek(configMaps, "default", "kube-root-ca.crt")!["data"]!["ca.crt"]);
    }
}
