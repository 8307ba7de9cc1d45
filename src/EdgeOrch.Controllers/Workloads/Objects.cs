using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>
/// Metadata accessors and ownerReference handling shared by the workload controllers (StatefulSet, DaemonSet, Job,
/// CronJob). Objects are JsonObjects straight from the informer caches: read them freely, DeepClone before editing.
/// </summary>
internal static class Objects
{
    public static JsonObject? Meta(JsonObject? obj) => obj.Obj("metadata");

    public static string Name(JsonObject obj) => Meta(obj).Str("name") ?? "";

    public static string? Namespace(JsonObject obj) => Meta(obj).Str("namespace");

    public static string Uid(JsonObject obj) => Meta(obj).Str("uid") ?? "";

    public static long Generation(JsonObject obj) => Meta(obj).Int("generation") ?? 0;

    public static bool IsDeleting(JsonObject obj) => Meta(obj)?["deletionTimestamp"] is not null;

    public static JsonObject? Labels(JsonObject obj) => Meta(obj).Obj("labels");

    public static string? Label(JsonObject obj, string key) => Labels(obj).Str(key);

    /// <summary>The work-queue key: "namespace/name", or "name" for cluster-scoped objects.</summary>
    public static string Key(JsonObject obj) => Namespace(obj) is { Length: > 0 } ns ? $"{ns}/{Name(obj)}" : Name(obj);

    public static (string? Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    public static DateTimeOffset? Timestamp(JsonObject? obj, string field) =>
        obj.Str(field) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    /// <summary>RFC 3339 with second precision and "Z", as metav1.Time serializes.</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonValue Number(long value) => JsonFields.Number(value);

    /// <summary>The ownerReference a controller puts on what it creates: controller=true and blockOwnerDeletion=true.</summary>
    public static JsonObject ControllerRef(JsonObject owner, ResourceType ownerType) => new()
    {
        ["apiVersion"] = ownerType.ApiVersion,
        ["kind"] = ownerType.Kind,
        ["name"] = Name(owner),
        ["uid"] = Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>The uid of the object's managing controller (the ownerReference with controller=true), if any.</summary>
    public static JsonObject? ControllerOf(JsonObject obj) =>
        Meta(obj).Arr("ownerReferences").Objects().FirstOrDefault(r => r.Bool("controller") == true);

    public static bool IsControlledBy(JsonObject obj, string ownerUid) => ControllerOf(obj).Str("uid") == ownerUid;

    /// <summary>The key of the controlling owner of <paramref name="obj"/> when it is of <paramref name="kind"/> (same namespace).</summary>
    public static string? OwnerKey(JsonObject obj, string kind)
    {
        var owner = ControllerOf(obj);
        if (owner.Str("kind") != kind || owner.Str("name") is not { } name)
            return null;
        return Namespace(obj) is { Length: > 0 } ns ? $"{ns}/{name}" : name;
    }

    /// <summary>Cached objects of the namespace controlled by <paramref name="owner"/> (the informer's owner index).</summary>
    public static List<JsonObject> Owned(Runtime.Informer informer, JsonObject owner)
    {
        var uid = Uid(owner);
        var ns = Namespace(owner);
        return informer.ListOwnedBy(uid).Where(o => Namespace(o) == ns && IsControlledBy(o, uid)).ToList();
    }

    /// <summary>Kubernetes' 5-character random suffix (the alphabet of utilrand.String: no vowels, no look-alikes).</summary>
    public static string RandomSuffix(int length = 5)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>A copy of a string map (labels/annotations), never null.</summary>
    public static JsonObject CopyMap(JsonObject? map) => map?.DeepClone() as JsonObject ?? [];
}
