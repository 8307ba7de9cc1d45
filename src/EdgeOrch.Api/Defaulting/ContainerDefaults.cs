using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>Kubernetes' defaults for one container (SetDefaults_Container, probes, ports, env field references).</summary>
internal static class ContainerDefaults
{
    public static void Apply(JsonObject c)
    {
        if (c.IsUnset("imagePullPolicy"))
            c["imagePullPolicy"] = ImageTag(c.Str("image") ?? "") == "latest" ? "Always" : "IfNotPresent";
        c.Default("terminationMessagePath", "/dev/termination-log");
        c.Default("terminationMessagePolicy", "File");

        // ResourceRequirements is a struct in Go, so Kubernetes always prints "resources: {}".
        var resources = c.Ensure("resources");
        ResourceListDefaults.Canonicalize(resources.Obj("limits"));
        ResourceListDefaults.Canonicalize(resources.Obj("requests"));

        foreach (var p in c.Arr("ports").Objects())
            p.Default("protocol", "TCP");

        foreach (var e in c.Arr("env").Objects())
            FieldRef(e.Obj("valueFrom")?.Obj("fieldRef"));

        Probe(c.Obj("livenessProbe"));
        Probe(c.Obj("readinessProbe"));
        Probe(c.Obj("startupProbe"));
        var lifecycle = c.Obj("lifecycle");
        Handler(lifecycle?.Obj("postStart"));
        Handler(lifecycle?.Obj("preStop"));
    }

    public static void FieldRef(JsonObject? fieldRef) => fieldRef?.Default("apiVersion", "v1");

    private static void Probe(JsonObject? probe)
    {
        if (probe is null) return;
        probe.DefaultNonZero("timeoutSeconds", 1);
        probe.DefaultNonZero("periodSeconds", 10);
        probe.DefaultNonZero("successThreshold", 1);
        probe.DefaultNonZero("failureThreshold", 3);
        Handler(probe);
        if (probe.Obj("grpc") is { } grpc && grpc["service"] is null)
            grpc["service"] = "";
    }

    private static void Handler(JsonObject? handler)
    {
        if (handler?.Obj("httpGet") is not { } http) return;
        http.Default("path", "/");
        http.Default("scheme", "HTTP");
    }

    /// <summary>
    /// The tag Kubernetes reads from an image reference: "latest" when neither tag nor digest is given,
    /// "" when only a digest is. A ':' before the last '/' belongs to a registry host, not a tag.
    /// </summary>
    public static string ImageTag(string image)
    {
        var at = image.IndexOf('@');
        var hasDigest = at >= 0;
        var name = hasDigest ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
            return name[(colon + 1)..];
        return hasDigest ? "" : "latest";
    }
}
