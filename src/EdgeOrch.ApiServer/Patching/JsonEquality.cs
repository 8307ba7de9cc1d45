using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>Structural JSON equality where numbers compare by value (1 equals 1.0), as RFC 6902 "test" requires.</summary>
internal static class JsonEquality
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        switch (a)
        {
            case JsonObject oa when b is JsonObject ob:
                if (oa.Count != ob.Count) return false;
                foreach (var (k, v) in oa)
                {
                    if (!ob.TryGetPropertyValue(k, out var other) || !Equal(v, other)) return false;
                }
                return true;
            case JsonArray aa when b is JsonArray ab:
                if (aa.Count != ab.Count) return false;
                for (int i = 0; i < aa.Count; i++)
                {
                    if (!Equal(aa[i], ab[i])) return false;
                }
                return true;
            case JsonValue va when b is JsonValue vb:
                var ka = va.GetValueKind();
                var kb = vb.GetValueKind();
                if (ka == JsonValueKind.Number && kb == JsonValueKind.Number)
                {
                    return NumbersEqual(va.ToJsonString(), vb.ToJsonString());
                }
                return ka == kb && JsonNode.DeepEquals(va, vb);
            default:
                return false;
        }
    }

    // Works for values parsed from JSON and for values created in code alike.
    private static bool NumbersEqual(string a, string b)
    {
        if (a == b) return true;
        const NumberStyles Style = NumberStyles.Float;
        if (decimal.TryParse(a, Style, CultureInfo.InvariantCulture, out var da) &&
            decimal.TryParse(b, Style, CultureInfo.InvariantCulture, out var db))
        {
            return da == db;
        }
        return double.TryParse(a, Style, CultureInfo.InvariantCulture, out var fa) &&
               double.TryParse(b, Style, CultureInfo.InvariantCulture, out var fb) && fa == fb;
    }
}
