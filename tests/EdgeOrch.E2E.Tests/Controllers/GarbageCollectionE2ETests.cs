using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests.Controllers;

/// <summary>
/// kubectl delete with --cascade=background|foreground|orphan against the garbage collector, and the objects the namespace
/// controllers keep (default ServiceAccount, Endpoints and EndpointSlice of a Service). Needs the controllers running in
/// `edgeorch server`.
/// </summary>
[Trait("Category", "E2E")]
public sealed class GarbageCollectionE2ETests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ServerFixture _f;

    public GarbageCollectionE2ETests(ServerFixture fixture) => _f = fixture;

    /// <summary>A ConfigMap "owner" and a ConfigMap "dependent" whose ownerReference points at it (blockOwnerDeletion).</summary>
    private async Task<string> OwnerAndDependentAsync()
    {
        var ns = await _f.CreateNamespaceAsync("gc");
        await _f.KubectlOkAsync("create", "configmap", "owner", "-n", ns);
        var uid = Json.Str(Json.ParseObject(await _f.KubectlOkAsync("get", "cm", "owner", "-n", ns, "-o", "json")), "metadata.uid");
        var dependent = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "dependent",
                ["namespace"] = ns,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["name"] = "owner",
                    ["uid"] = uid,
                    ["blockOwnerDeletion"] = true,
                }),
            },
        };
        await _f.KubectlWithInputAsync(dependent.ToJsonString(), "apply", "-f", "-");
        return ns;
    }

    private async Task<bool> ExistsAsync(string ns, string resource) =>
        (await _f.KubectlAsync("get", resource, "-n", ns, "-o", "name")).ExitCode == 0;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Background_cascade_removes_the_dependent()
    {
        var ns = await OwnerAndDependentAsync();
        Assert.Equal("configmap \"owner\" deleted", (await _f.KubectlOkAsync("delete", "cm", "owner", "-n", ns)).Trim());
        await EventuallyAsync(async () => !await ExistsAsync(ns, "cm/dependent"), "the dependent is collected");
    }

    [Fact]
    public async Task Foreground_cascade_removes_the_dependent_then_the_owner()
    {
        var ns = await OwnerAndDependentAsync();
        await _f.KubectlOkAsync("delete", "cm", "owner", "-n", ns, "--cascade=foreground", "--wait=false");
        await EventuallyAsync(async () => !await ExistsAsync(ns, "cm/owner"), "the owner is gone");
        Assert.False(await ExistsAsync(ns, "cm/dependent"));
    }

    [Fact]
    public async Task Orphan_cascade_keeps_the_dependent_without_its_owner_reference()
    {
        var ns = await OwnerAndDependentAsync();
        await _f.KubectlOkAsync("delete", "cm", "owner", "-n", ns, "--cascade=orphan", "--wait=false");
        await EventuallyAsync(async () => !await ExistsAsync(ns, "cm/owner"), "the owner is gone");
        var dependent = Json.ParseObject(await _f.KubectlOkAsync("get", "cm", "dependent", "-n", ns, "-o", "json"));
        Assert.Null(Json.At(dependent, "metadata.ownerReferences"));
    }

    [Fact]
    public async Task A_new_namespace_gets_a_default_service_account()
    {
        var ns = await _f.CreateNamespaceAsync("sa");
        await EventuallyAsync(() => ExistsAsync(ns, "serviceaccount/default"), "serviceaccount/default exists");
    }

    [Fact]
    public async Task A_service_with_a_selector_gets_endpoints_and_a_slice()
    {
        var ns = await _f.CreateNamespaceAsync("ep");
        await _f.KubectlOkAsync("create", "service", "clusterip", "web", "--tcp=80:8080", "-n", ns);
        await EventuallyAsync(() => ExistsAsync(ns, "endpoints/web"), "endpoints/web exists");
        await EventuallyAsync(async () =>
            (await _f.KubectlOkAsync("get", "endpointslices", "-n", ns, "-l", "kubernetes.io/service-name=web", "-o", "name")).Trim().Length > 0,
            "an EndpointSlice labelled for web exists");
    }
}
