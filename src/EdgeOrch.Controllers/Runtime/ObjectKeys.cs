using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>Work-queue keys: "namespace/name" for namespaced objects, "name" for cluster-scoped ones.</summary>
public static class ObjectKeys
{
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public static string Of(JsonObject obj) => Of((string?)obj["metadata"]?["namespace"], (string?)obj["metadata"]?["name"] ?? "");

    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
