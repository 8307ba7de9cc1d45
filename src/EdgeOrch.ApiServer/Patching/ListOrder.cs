using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>
/// The $setElementOrder/ directive: kubectl sends the order of the list in the user's manifest. Items it names come first, in
/// that order; items it does not name (added by someone else) keep their relative order after them.
/// </summary>
internal static class ListOrder
{
    public static JsonArray Apply(JsonArray list, JsonArray order, string? mergeKey)
    {
        var remaining = list.Select(n => n?.DeepClone()).ToList();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            int index = remaining.FindIndex(item => Matches(item, wanted, mergeKey));
            if (index < 0) continue;
            result.Add(remaining[index]);
            remaining.RemoveAt(index);
        }

        foreach (var rest in remaining) result.Add(rest);
        return result;
    }

    private static bool Matches(JsonNode? item, JsonNode? wanted, string? mergeKey)
    {
        if (mergeKey is null) return JsonEquality.Equal(item, wanted);
        return item is JsonObject o && wanted is JsonObject w && JsonEquality.Equal(o[mergeKey], w[mergeKey]);
    }
}
