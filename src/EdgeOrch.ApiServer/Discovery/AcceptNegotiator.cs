namespace EdgeOrch.ApiServer.Discovery;

/// <summary>
/// Picks the discovery format from an Accept header such as kubectl's
/// <c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json</c>.
/// Highest q wins, then the earlier entry; anything unrecognised falls back to the legacy JSON lists.
/// </summary>
public static class AcceptNegotiator
{
    public const string AggregatedV2ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string AggregatedV2Beta1ContentType = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    public const string JsonContentType = "application/json";

    public static DiscoveryFormat Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
            return DiscoveryFormat.Legacy;
        var best = DiscoveryFormat.Legacy;
        var bestQ = -1.0;
        foreach (var range in accept.Split(','))
        {
            var (format, q) = Parse(range);
            if (format is null || q <= 0 || q <= bestQ)
                continue;
            best = format.Value;
            bestQ = q;
        }
        return best;
    }

    public static string ContentTypeOf(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => AggregatedV2ContentType,
        DiscoveryFormat.AggregatedV2Beta1 => AggregatedV2Beta1ContentType,
        _ => JsonContentType,
    };

    private static (DiscoveryFormat? Format, double Q) Parse(string range)
    {
        var parts = range.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            return (null, 0);
        var media = parts[0].ToLowerInvariant();
        string? g = null, v = null, @as = null;
        var q = 1.0;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=');
            if (eq <= 0)
                continue;
            var key = p[..eq].Trim().ToLowerInvariant();
            var value = p[(eq + 1)..].Trim().Trim('"');
            switch (key)
            {
                case "g": g = value; break;
                case "v": v = value; break;
                case "as": @as = value; break;
                case "q":
                    if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out q))
                        q = 0;
                    break;
            }
        }
        if (media is not ("application/json" or "application/*" or "*/*"))
            return (null, 0); // protobuf discovery is not offered
        if (g is null && @as is null)
            return (DiscoveryFormat.Legacy, q);
        if (g == "apidiscovery.k8s.io" && @as == "APIGroupDiscoveryList" && media == "application/json")
        {
            if (v == "v2")
                return (DiscoveryFormat.AggregatedV2, q);
            if (v == "v2beta1")
                return (DiscoveryFormat.AggregatedV2Beta1, q);
        }
        return (null, 0);
    }
}
