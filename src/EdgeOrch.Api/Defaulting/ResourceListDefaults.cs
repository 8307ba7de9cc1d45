using System.Text.Json.Nodes;
using EdgeOrch.Api.Quantities;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// Kubernetes stores resource lists as parsed quantities rounded up to milli precision and prints them canonically
/// ("0.5" reads back as "500m", "1024Mi" as "1Gi"); unparsable values are left for validation to report.
/// </summary>
internal static class ResourceListDefaults
{
    public static void Canonicalize(JsonObject? list, bool roundToMilli = true)
    {
        if (list is null) return;
        foreach (var key in list.Select(kv => kv.Key).ToList())
        {
            var node = list[key];
            var text = JsonFields.AsString(node) ?? (JsonFields.AsLong(node) is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : node is JsonValue v ? v.ToJsonString() : null);
            if (text is null || !Quantity.TryParse(text, out var q))
                continue;
            if (roundToMilli)
                q = q.RoundUp(-3);
            list[key] = q.ToString();
        }
    }
}
