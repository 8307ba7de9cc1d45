using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using YamlDotNet.RepresentationModel;

namespace EdgeOrch.Api.Tests;

/// <summary>Loads the example manifests as JSON objects, the way the API server would receive them from kubectl.</summary>
internal static class Manifests
{
    public static string ExamplesDir => Path.Combine(AppContext.BaseDirectory, "Examples");

    public static List<JsonObject> Load(string relativePath) =>
        FromYaml(File.ReadAllText(Path.Combine(ExamplesDir, relativePath)));

    public static List<JsonObject> FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Where(d => d.RootNode is YamlMappingNode).Select(d => (JsonObject)Convert(d.RootNode)!)];
    }

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static ResourceType TypeOf(JsonObject obj)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var kind = (string)obj["kind"]!;
        return BuiltinResources.Types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind)
            ?? new ResourceType(apiVersion.Split('/')[0], apiVersion.Split('/')[^1], kind, kind.ToLowerInvariant() + "s", true, []) { IsCustom = true };
    }

    public static ResourceType Builtin(string kind) => BuiltinResources.Types.Single(t => t.Kind == kind);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    /// <summary>Plain scalars follow YAML 1.2 core types (int, bool, null); quoted ones stay strings.</summary>
    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
            return JsonValue.Create(v);
        if (v is "" or "null" or "~") return null;
        if (v is "true") return JsonValue.Create(true);
        if (v is "false") return JsonValue.Create(false);
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        return JsonValue.Create(v);
    }
}
