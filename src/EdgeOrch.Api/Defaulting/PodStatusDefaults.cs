using System.Text.Json.Nodes;
using EdgeOrch.Api.Quantities;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// What the pod strategy sets on create in Kubernetes: a fresh status with phase Pending and the QoS class.
/// The API server calls <see cref="ResetForCreate"/>; the QoS computation is public for the scheduler and agent too.
/// </summary>
public static class PodStatusDefaults
{
    private static readonly string[] QosResources = ["cpu", "memory"];

    /// <summary>Replaces whatever status the client sent, as Kubernetes does on pod creation. Call after defaulting.</summary>
    public static void ResetForCreate(JsonObject pod) =>
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(pod.Obj("spec")) };

    /// <summary>Guaranteed, Burstable or BestEffort, from the cpu and memory requests and limits of all containers.</summary>
    public static string QosClass(JsonObject? spec)
    {
        var requests = new Dictionary<string, Quantity>();
        var limits = new Dictionary<string, Quantity>();
        var guaranteed = true;
        var containers = (spec.Arr("initContainers")?.Objects() ?? []).Concat(spec.Arr("containers")?.Objects() ?? []);
        foreach (var c in containers)
        {
            var resources = c.Obj("resources");
            Sum(resources.Obj("requests"), requests);
            var found = Sum(resources.Obj("limits"), limits);
            if (!QosResources.All(found.Contains))
                guaranteed = false;
        }
        if (requests.Count == 0 && limits.Count == 0)
            return "BestEffort";
        if (guaranteed)
            foreach (var (name, request) in requests)
                if (!limits.TryGetValue(name, out var limit) || !limit.Equals(request))
                    guaranteed = false;
        return guaranteed && requests.Count == limits.Count ? "Guaranteed" : "Burstable";
    }

    private static HashSet<string> Sum(JsonObject? list, Dictionary<string, Quantity> totals)
    {
        var found = new HashSet<string>();
        foreach (var name in QosResources)
        {
            var text = JsonFields.AsString(list?[name]) ?? JsonFields.AsLong(list?[name])?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Quantity.TryParse(text, out var q) || q.IsZero)
                continue;
            found.Add(name);
            totals[name] = totals.TryGetValue(name, out var sum) ? sum + q : q;
        }
        return found;
    }
}
