// Temporary stand-ins for work merged from other branches; removed at merge.
using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Serialization
{
    public sealed class YamlJsonException(string message) : Exception(message);

    public static class YamlJson
    {
        public static JsonNode? Parse(string yaml) => throw new YamlJsonException("YAML not supported yet");
    }
}
