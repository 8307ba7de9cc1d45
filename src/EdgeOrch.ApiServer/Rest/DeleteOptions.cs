using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>meta/v1 DeleteOptions, from the body or the query string.</summary>
/// <param name="OrphanDependents">The deprecated boolean form of propagationPolicy (true = Orphan, false = Background).</param>
public sealed record DeleteOptions(long? GracePeriodSeconds, string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun,
    bool? OrphanDependents = null)
{
    public static readonly DeleteOptions Default = new(null, null, null, null, false);

    /// <summary>What the namespace controller uses: dependents go in the background, as Kubernetes' namespace deleter asks.</summary>
    public static readonly DeleteOptions Background = new(null, "Background", null, null, false);

    public static DeleteOptions From(JsonObject? body, Func<string, string?> query)
    {
        var preconditions = body?["preconditions"] as JsonObject;
        long? grace = body?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv) ? gv
            : long.TryParse(query("gracePeriodSeconds"), out var q) ? q : null;
        var dryRun = body?["dryRun"] is JsonArray d ? d.Count > 0 : query("dryRun") is { Length: > 0 };
        bool? orphan = body?["orphanDependents"] is JsonValue o && o.TryGetValue<bool>(out var ov) ? ov
            : bool.TryParse(query("orphanDependents"), out var oq) ? oq : null;
        return new DeleteOptions(
            grace,
            ObjectMeta.GetString(body, "propagationPolicy") ?? query("propagationPolicy"),
            ObjectMeta.GetString(preconditions, "uid"),
            ObjectMeta.GetString(preconditions, "resourceVersion"),
            dryRun,
            orphan);
    }
}
