using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace EdgeOrch.ApiServer.Tests.OpenApi;

/// <summary>The design document's example manifests (copied from /work/shared/examples), read as JSON objects.</summary>
internal static class ExampleManifests
{
    public static string Directory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Examples");

    public static IEnumerable<(string File, JsonObject Object)> All()
    {
        foreach (var file in System.IO.Directory.GetFiles(Directory(), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            foreach (var doc in stream.Documents)
                if (ToJson(doc.RootNode) is JsonObject obj)
                    yield return (Path.GetFileName(file), obj);
        }
    }

    /// <summary>YAML to JSON; scalars stay strings (the unknown-field check looks at names, not values).</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => null,
    };
}
