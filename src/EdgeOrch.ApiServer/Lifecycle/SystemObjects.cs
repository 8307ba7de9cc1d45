using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Rest;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Lifecycle;

/// <summary>
/// What exists in every cluster before anyone writes: the four system namespaces, the "kubernetes" Service, and the kinds of
/// every stored CRD (so custom resources are served right after a restart).
/// </summary>
public sealed class SystemObjects(RestContext context, ObjectCreator creator)
{
    public static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public async Task EnsureAsync(CancellationToken ct)
    {
        foreach (var ns in Namespaces)
            await CreateIfMissingAsync("", "v1", "namespaces", null, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns },
            }, ct);

        await CreateIfMissingAsync("", "v1", "services", "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.43.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        }, ct);

        await LoadCustomResourceDefinitionsAsync(ct);
    }

    private async Task LoadCustomResourceDefinitionsAsync(CancellationToken ct)
    {
        var crds = context.Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
        var list = await context.Storage.Store.ListAsync(crds.KeyPrefix, cancellationToken: ct);
        foreach (var entry in list.Items)
        {
            var crd = ObjectStorage.Decode(entry);
            var kinds = CustomResourceDefinitions.KindsOf(crd);
            if (kinds.Count > 0)
                context.Registry.SetCustom(kinds[0].Group, kinds[0].Plural, kinds);
        }
    }

    private async Task CreateIfMissingAsync(string group, string version, string plural, string? ns, JsonObject obj, CancellationToken ct)
    {
        var type = context.Registry.Find(group, version, plural)!;
        if (await context.Storage.GetAsync(type, ns, ObjectMeta.Name(obj)!, ct) is not null)
            return;
        try
        {
            await creator.CreateAsync(type, ns, obj, WriteOptions.Internal, ct);
        }
        catch (ApiException e) when (e.Code == 409)
        {
        }
    }
}
