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

