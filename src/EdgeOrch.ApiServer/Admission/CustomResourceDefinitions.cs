using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Makes a CRD's kinds served as soon as it is stored: fills the CRD's status (accepted names, Established) on write and
/// registers (or drops) its versions in the <see cref="ResourceRegistry"/> after commit. Deleting a CRD deletes its objects.
/// </summary>
public sealed class CustomResourceDefinitions(ResourceRegistry registry, ObjectStorage storage, TimeProvider time) : IAdmissionPlugin
{
    public bool Handles(ResourceType type) => type is { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" };

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation == AdmissionOperation.Delete)
            return ValueTask.CompletedTask;
        var crd = request.Object;
        var spec = crd["spec"] as JsonObject;
        var now = ObjectMeta.Timestamp(time.GetUtcNow());
        var status = new JsonObject
        {
            ["acceptedNames"] = spec?["names"]?.DeepClone() ?? new JsonObject(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray([.. StorageVersions(spec).Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        crd["status"] = status;
        return ValueTask.CompletedTask;
    }

    public void Committed(AdmissionRequest request)
    {
        var spec = request.Object["spec"] as JsonObject;
        var group = ObjectMeta.GetString(spec, "group") ?? "";
        var plural = ObjectMeta.GetString(spec?["names"] as JsonObject, "plural") ?? "";
        if (request.Operation == AdmissionOperation.Delete)
        {
            var prefixes = registry.All.Where(t => t.IsCustom && t.Group == group && t.Plural == plural).Select(t => t.KeyPrefix).Distinct().ToList();
            registry.RemoveCustom(group, plural);
            _ = DeleteAllAsync(prefixes);
            return;
        }
        registry.SetCustom(group, plural, KindsOf(request.Object));
    }

    /// <summary>The served kinds of one CRD, one per served version.</summary>
    public static IReadOnlyList<ResourceType> KindsOf(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var names = spec?["names"] as JsonObject;
        var group = ObjectMeta.GetString(spec, "group") ?? "";
        var kind = ObjectMeta.GetString(names, "kind") ?? "";
        var plural = ObjectMeta.GetString(names, "plural") ?? "";
        var namespaced = ObjectMeta.GetString(spec, "scope") != "Cluster";
        var shortNames = Strings(names?["shortNames"]);
        var categories = Strings(names?["categories"]);
        var result = new List<ResourceType>();
        foreach (var version in (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"] is JsonValue served && served.TryGetValue<bool>(out var isServed) && !isServed)
                continue;
            var subresources = version["subresources"] as JsonObject;
            result.Add(new ResourceType(group, ObjectMeta.GetString(version, "name") ?? "v1", kind, plural, namespaced, shortNames,
                HasStatus: subresources?["status"] is not null,
                HasScale: subresources?["scale"] is not null,
                Categories: categories.Length == 0 ? null : categories,
                Singular: ObjectMeta.GetString(names, "singular"))
            {
                IsCustom = true,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
            });
        }
        return result;
    }

    private async Task DeleteAllAsync(IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            var list = await storage.Store.ListAsync(prefix);
            foreach (var item in list.Items)
                await storage.Store.DeleteAsync(item.Key, 0);
        }
    }

    private static IEnumerable<string> StorageVersions(JsonObject? spec) =>
        (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)
            .Select(v => ObjectMeta.GetString(v, "name") ?? "");

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToArray() : [];

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
