using System.Net;
using System.Text;

namespace EdgeOrch.Bench;

/// <summary>The write requests the bench sends: a ConfigMap create to edgeorch, a put of the same bytes to etcd.</summary>
internal static class Workloads
{
    public static string ConfigMapJson(string name, string value) =>
        $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{"bench":"true"}},"data":{"v":"{{{value}}}"}}""";

    public static async Task CreateNamespaceAsync(HttpClient client, string ns)
    {
        using var body = new StringContent($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""", Encoding.UTF8, "application/json");
        using var r = await client.PostAsync("/api/v1/namespaces", body);
        if (r.StatusCode != HttpStatusCode.Created && r.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"creating namespace {ns}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<bool> CreateConfigMapAsync(HttpClient client, string ns, string name, string value)
    {
        using var body = new StringContent(ConfigMapJson(name, value), Encoding.UTF8, "application/json");
        using var r = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", body);
        await r.Content.LoadIntoBufferAsync();
        return r.StatusCode == HttpStatusCode.Created;
    }

    public static async Task<bool> EtcdPutAsync(HttpClient client, string key, string value)
    {
        var k = Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
        var v = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        using var body = new StringContent($$"""{"key":"{{k}}","value":"{{v}}"}""", Encoding.UTF8, "application/json");
        using var r = await client.PostAsync("/v3/kv/put", body);
        await r.Content.LoadIntoBufferAsync();
        return r.StatusCode == HttpStatusCode.OK;
    }
}
