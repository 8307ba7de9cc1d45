using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Scheduler;

/// <summary>A host port a container claims. 0.0.0.0 (the default) conflicts with every address on the same protocol and port.</summary>
internal readonly record struct HostPort(string Ip, string Protocol, long Port)
{
    private const string AnyAddress = "0.0.0.0";

    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyAddress || other.Ip == AnyAddress);

    /// <summary>The host ports of all containers (and init containers) of a pod.</summary>
    public static List<HostPort> Of(JsonObject pod)
    {
        var ports = new List<HostPort>();
        var spec = pod.Obj("spec");
        foreach (var c in spec.Arr("containers").Objects().Concat(spec.Arr("initContainers").Objects()))
            foreach (var p in c.Arr("ports").Objects())
                if (p.Long("hostPort") is > 0 and var port)
                    ports.Add(new HostPort(p.Str("hostIP") is { Length: > 0 } ip ? ip : AnyAddress, p.Str("protocol") ?? "TCP", port));
        return ports;
    }
}
