using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.Bench;

/// <summary>The objects the control-plane scenario writes: bare pods, a Deployment, its image change.</summary>
internal static class ControlPlaneWorkloads
{
    public const string Image1 = "registry.local/bench/web:1";
    public const string Image2 = "registry.local/bench/web:2";

    /// <summary>The pod spec of both phases: one container with small requests, so that the nodes' pod count (not cpu or
    /// memory) limits how many fit; no grace period, as nothing runs.</summary>
    private static JsonObject PodSpec(string image) => new()
    {
        ["containers"] = new JsonArray(new JsonObject
        {
            ["name"] = "app",
            ["image"] = image,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "16Mi" } },
        }),
        ["terminationGracePeriodSeconds"] = 0,
    };

    public static string PodJson(string name) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["bench"] = "sched" } },
        ["spec"] = PodSpec(Image1),
    }.ToJsonString();

    public static string DeploymentJson(string name, int replicas)
    {
        JsonObject Labels() => new() { ["app"] = name };
        var manifest = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Labels() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = Labels() },
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = Labels() }, ["spec"] = PodSpec(Image1) },
            },
        };
        // What `kubectl apply` sends for a new object: the manifest with itself as the last-applied annotation.
        var applied = manifest.ToJsonString();
        manifest["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = applied };
        return manifest.ToJsonString();
    }

    /// <summary>The strategic-merge patch `kubectl set image deploy/NAME app=IMAGE` sends.</summary>
    public static string ImagePatch(string image) => new JsonObject
    {
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) },
            },
        },
    }.ToJsonString();

    public static async Task<bool> CreateAsync(HttpClient client, string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var r = await client.PostAsync(path, body);
        await r.Content.LoadIntoBufferAsync();
        return r.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>Creates or fails loudly: for the few objects a phase cannot do without.</summary>
    public static async Task CreateOrThrowAsync(HttpClient client, string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var r = await client.PostAsync(path, body);
        if (r.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task PatchOrThrowAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/strategic-merge-patch+json"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        using var r = await client.SendAsync(request);
        if (r.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"PATCH {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>How many nodes report Ready=True and carry no NoSchedule/NoExecute taint.</summary>
    public static async Task<int> SchedulableNodesAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/nodes"));
        var n = 0;
        foreach (var node in doc.RootElement.GetProperty("items").EnumerateArray())
        {
            var tainted = node.TryGetProperty("spec", out var spec) && spec.TryGetProperty("taints", out var taints) &&
                          taints.ValueKind == JsonValueKind.Array && taints.GetArrayLength() > 0;
            var ready = node.TryGetProperty("status", out var st) && st.TryGetProperty("conditions", out var cs) &&
                        cs.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
            if (ready && !tainted)
            {
                n++;
            }
        }
        return n;
    }
}
