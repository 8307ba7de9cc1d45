// Temporary stand-ins for work merged from other branches; removed at merge.
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Patching
{
    public sealed class PatchException(string message) : Exception(message);

    public static class JsonPatch
    {
        public static JsonNode Apply(JsonNode document, JsonArray operations) => throw new PatchException("not yet");
    }

    public static class MergePatch
    {
        public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
        {
            if (patch is not JsonObject p)
                return patch?.DeepClone();
            var t = target as JsonObject ?? new JsonObject();
            foreach (var (k, v) in p)
            {
                if (v is null) t.Remove(k);
                else t[k] = Apply(t[k]?.DeepClone(), v);
            }
            return t;
        }
    }

    public static class StrategicMergePatch
    {
        public static bool SupportsStrategicMerge(ResourceType type) => !type.IsCustom;

        public static JsonObject Apply(JsonObject original, JsonObject patch, ResourceType type) =>
            (JsonObject)MergePatch.Apply(original, patch)!;
    }

    public sealed record ApplyConflict(string Manager, string Field);

    public sealed record ApplyResult(JsonObject? Object, IReadOnlyList<ApplyConflict> Conflicts);

    public static class ServerSideApply
    {
        public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, ResourceType type, DateTimeOffset now) =>
            new((JsonObject?)MergePatch.Apply(live?.DeepClone() ?? new JsonObject(), applied), []);

        public static string FormatConflicts(IReadOnlyList<ApplyConflict> conflicts) => $"Apply failed with {conflicts.Count} conflict(s)";
    }

    public static class ManagedFields
    {
        public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string operation, string? subresource, DateTimeOffset now) { }
    }
}

namespace EdgeOrch.ApiServer.Tables
{
    public sealed record TableOptions(string IncludeObject, DateTimeOffset Now, string? ResourceVersion, string? Continue, long? RemainingItemCount);

    public static class TableBuilder
    {
        public static bool WantsTable(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

        public static JsonObject Build(ResourceType type, IReadOnlyList<JsonObject> items, TableOptions options)
        {
            var rows = new JsonArray();
            foreach (var item in items)
                rows.Add((JsonNode)new JsonObject { ["cells"] = new JsonArray((JsonNode?)item["metadata"]?["name"]?.DeepClone()), ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() } });
            return new JsonObject
            {
                ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = options.ResourceVersion },
                ["columnDefinitions"] = new JsonArray(new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "", ["priority"] = 0 }),
                ["rows"] = rows,
            };
        }
    }
}

namespace EdgeOrch.ApiServer.OpenApi
{
    public static class UnknownFieldChecker
    {
        public static IReadOnlyList<string> Find(ResourceType type, JsonObject obj) => [];
    }
}
