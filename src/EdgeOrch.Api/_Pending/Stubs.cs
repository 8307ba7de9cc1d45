// Temporary stand-ins for work merged from other branches; removed at merge.
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Defaulting
{
    public static class ObjectDefaulter
    {
        public static void Apply(ResourceType type, JsonObject obj) { }
    }
}

namespace EdgeOrch.Api.Validation
{
    public static class ObjectValidator
    {
        public static IReadOnlyList<FieldError> ValidateCreate(ResourceType type, JsonObject obj) =>
            (obj["metadata"] as JsonObject)?["name"] is null ? [FieldError.Required("metadata.name")] : [];

        public static IReadOnlyList<FieldError> ValidateUpdate(ResourceType type, JsonObject newObj, JsonObject oldObj) => [];
    }
}

namespace EdgeOrch.Api.Serialization
{
    public sealed class YamlJsonException(string message) : Exception(message);

    public static class YamlJson
    {
        public static JsonNode? Parse(string yaml) => throw new YamlJsonException("YAML not supported yet");
    }
}
