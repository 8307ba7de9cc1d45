using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>The pod being scheduled, with what every filter and score needs computed once per scheduling cycle.</summary>
internal sealed class SchedulingPod
{
    public SchedulingPod(JsonObject pod)
    {
        Pod = pod;
        Key = JsonRead.Key(pod);
        Namespace = JsonRead.Namespace(pod) ?? "default";
        Labels = JsonRead.Labels(pod);
        var spec = pod.Obj("spec");
        Spec = spec;
        Requests = PodRequests.Of(pod);
        NonZeroRequests = PodRequests.NonZero(pod);
        HostPorts = HostPort.Of(pod);
        Tolerations = spec.Arr("tolerations").Objects().ToList();
        Priority = PriorityOf(pod);
        Affinity = new PodAffinityTerms(pod);
        Images = spec.Arr("containers").Objects().Select(c => c.Str("image")).OfType<string>().Select(ImageNames.Normalize).ToList();
    }

    public JsonObject Pod { get; }

    public string Key { get; }

    public string Namespace { get; }

    public JsonObject? Labels { get; }

    public JsonObject? Spec { get; }

    public ResourceAmounts Requests { get; }

    public ResourceAmounts NonZeroRequests { get; }

    public List<HostPort> HostPorts { get; }

    public List<JsonObject> Tolerations { get; }

    public long Priority { get; }

    public PodAffinityTerms Affinity { get; }

    public List<string> Images { get; }

    public JsonObject? NodeAffinity => Spec.Obj("affinity").Obj("nodeAffinity");

    /// <summary>spec.priority as admission resolved it from the priority class; 0 when unset.</summary>
    public static long PriorityOf(JsonObject pod) => pod.Obj("spec").Long("priority") ?? 0;
}
