using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;

namespace EdgeOrch.Controllers.Tests.Fakes;

/// <summary>Patch application for the fake: JSON merge patch (RFC 7386, also standing in for strategic merge) and a
/// JSON patch (RFC 6902) subset: add, replace, remove, test.</summary>
public static class FakePatches
{
    public static JsonObject Apply(JsonObject target, PatchType type, JsonNode patch) => type switch
    {
        PatchType.Json => ApplyJsonPatch(target, (JsonArray)patch),
        _ => (JsonObject)Merge(target, patch)!,
    };

    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p)
            return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (name, value) in p)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Merge(result[name], value);
        }
        return result;
    }

    private static JsonObject ApplyJsonPatch(JsonObject target, JsonArray ops)
    {
        var doc = (JsonObject)target.DeepClone();
        foreach (var opNode in ops)
        {
            var op = (string)opNode!["op"]!;
            var path = ((string)opNode["path"]!).Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
            var parent = Navigate(doc, path[..^1]) ?? throw Invalid($"path {opNode["path"]} not found");
            var last = path[^1];
            var value = opNode["value"]?.DeepClone();
            switch (op, parent)
            {
                case ("add", JsonArray a):
                    if (last == "-") a.Add(value); else a.Insert(int.Parse(last), value);
                    break;
                case ("add" or "replace", JsonObject o):
                    if (op == "replace" && !o.ContainsKey(last)) throw Invalid($"path {opNode["path"]} not found");
                    o[last] = value;
                    break;
                case ("replace", JsonArray a):
                    a[int.Parse(last)] = value;
                    break;
                case ("remove", JsonObject o):
                    if (!o.Remove(last)) throw Invalid($"path {opNode["path"]} not found");
                    break;
                case ("remove", JsonArray a):
                    a.RemoveAt(int.Parse(last));
                    break;
                case ("test", _):
                    var current = parent is JsonObject po ? po[last] : ((JsonArray)parent)[int.Parse(last)];
                    if (!JsonNode.DeepEquals(current, value)) throw Invalid($"test failed at {opNode["path"]}");
                    break;
                default:
                    throw Invalid($"unsupported op {op}");
            }
        }
        return doc;
    }

    private static JsonNode? Navigate(JsonNode? node, string[] path)
    {
        foreach (var part in path)
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        return node;
    }

    private static ApiClientException Invalid(string message) => new(422, "Invalid", message);
}
