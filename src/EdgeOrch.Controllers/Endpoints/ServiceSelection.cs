using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>Which pods a Service selects, and which Services get endpoints managed for them at all.</summary>
internal static class ServiceSelection
{
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    /// <summary>The Service's selector, or null for a Service whose endpoints are managed by the user (no selector) or
    /// that has none by nature (ExternalName).</summary>
    public static JsonObject? Selector(JsonObject service)
    {
        var spec = service.Obj("spec");
        if (spec.Str("type") == "ExternalName")
            return null;
        return spec.Obj("selector") is { Count: > 0 } selector ? selector : null;
    }

    public static bool Selects(JsonObject selector, JsonObject? labels)
    {
        if (labels is null)
            return false;
        foreach (var (key, value) in selector)
            if (labels.Str(key) is not { } actual || actual != value?.GetValue<string>())
                return false;
        return true;
    }

    public static bool IsHeadless(JsonObject service) => service.Obj("spec").Str("clusterIP") == "None";

    public static bool PublishNotReady(JsonObject service) => service.Obj("spec").Flag("publishNotReadyAddresses");

    /// <summary>Pods of the Service's namespace its selector picks.</summary>
    public static IEnumerable<JsonObject> SelectedPods(JsonObject selector, IEnumerable<JsonObject> podsInNamespace) =>
        podsInNamespace.Where(p => Selects(selector, p.Obj("metadata").Obj("labels")));
}
