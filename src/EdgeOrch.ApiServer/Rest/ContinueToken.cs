using System.Text;
using System.Text.Json;
using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// The opaque `continue` value of a paged list: the revision the first page was read at and the last key returned,
/// so later pages read the same snapshot. Shaped like Kubernetes' token (base64 of {"v","rv","start"}).
/// </summary>
public static class ContinueToken
{
    public static string Encode(long revision, string lastKey)
    {
        var json = $"{{\"v\":\"meta.k8s.io/v1\",\"rv\":{revision},\"start\":{JsonEncodedText.Encode(lastKey).Value.Insert(0, "\"")}\"}}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long Revision, string StartAfterKey) Decode(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            using var doc = JsonDocument.Parse(Convert.FromBase64String(b64));
            var root = doc.RootElement;
            return (root.GetProperty("rv").GetInt64(), root.GetProperty("start").GetString() ?? "");
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw ApiException.BadRequest("continue key is not valid: " + e.Message);
        }
    }
}
