using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>meta/v1 DeleteOptions, from the body or the query string.</summary>
public sealed record DeleteOptions(long? GracePeriodSeconds, string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static readonly DeleteOptions Default = new(null, null, null, null, false);

    public static DeleteOptions From(JsonObject? body, Func<string, string?> query)
    {
        var preconditions = body?["preconditions"] as JsonObject;
        long? grace = body?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv) ? gv
            : long.TryParse(query("gracePeriodSeconds"), out var q) ? q : null;
        var dryRun = body?["dryRun"] is JsonArray d ? d.Count > 0 : query("dryRun") is { Length: > 0 };
        return new DeleteOptions(
            grace,
            ObjectMeta.GetString(body, "propagationPolicy") ?? query("propagationPolicy"),
            ObjectMeta.GetString(preconditions, "uid"),
            ObjectMeta.GetString(preconditions, "resourceVersion"),
            dryRun);
    }
}
