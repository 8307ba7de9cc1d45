using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Workloads;

/// <summary>Builders and pod-status drivers for the workload controller tests (there is no kubelet: tests play its part).</summary>
internal static class Fixtures
{
    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static string? Str(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    public static long Int(JsonNode? node) => node is null ? 0 : node.GetValue<long>();

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    public static string? Label(JsonObject o, string key) => Str(o["metadata"]?["labels"]?[key]);

    /// <summary>Sets the pod's phase and Ready condition the way a kubelet reports them.</summary>
    public static async Task SetPodStatusAsync(ControllerHarness h, string ns, string name, string phase, bool ready,
        Action<JsonObject>? edit = null)
    {
        var type = h.Type("", "v1", "pods");
        var pod = h.Client.Peek(type, ns, name) ?? throw new InvalidOperationException($"no pod {name}");
        var now = h.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["lastTransitionTime"] = now,
            }),
        };
        edit?.Invoke(status);
        pod["status"] = status;
        await h.Client.UpdateStatusAsync(type, pod);
        await h.SettleAsync();
    }

    public static Task ReadyAsync(ControllerHarness h, string ns, string name) => SetPodStatusAsync(h, ns, name, "Running", true);

    public static List<JsonObject> Pods(ControllerHarness h, string ns = "default") =>
        h.Client.PeekAll(h.Type("", "v1", "pods"), ns).OrderBy(Name, StringComparer.Ordinal).ToList();

    public static List<string> PodNames(ControllerHarness h, string ns = "default") => Pods(h, ns).Select(Name).ToList();

    /// <summary>Event messages, after flushing the recorder: SettleAsync can return between a reconcile's status write and the
    /// background write of an event it recorded just before.</summary>
    public static List<string> EventMessages(ControllerHarness h, string? reason = null)
    {
        h.Context.Events.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return h.Events().Where(e => reason is null || Str(e["reason"]) == reason).Select(e => Str(e["message"]) ?? "").ToList();
    }

    public static JsonObject Seed(ControllerHarness h, ResourceType type, string json) => h.Client.Seed(type, Parse(json));

    /// <summary>Replaces the stored object's spec through an ordinary update (generation bumps, watchers see it).</summary>
    public static async Task EditAsync(ControllerHarness h, ResourceType type, string ns, string name, Action<JsonObject> edit)
    {
        var obj = h.Client.Peek(type, ns, name)!;
        edit(obj);
        await h.Client.UpdateAsync(type, obj);
        await h.SettleAsync();
    }
}
