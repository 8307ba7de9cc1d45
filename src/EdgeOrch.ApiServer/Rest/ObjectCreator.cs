using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Patching;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>POST: a new object gets its server-set metadata, defaults, admission and validation, then is stored once.</summary>
public sealed class ObjectCreator(RestContext context)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public async Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions options, CancellationToken ct)
    {
        ObjectChecks.CheckKind(type, obj);
        ObjectChecks.CheckNamespace(type, obj, ns);
        ObjectChecks.CheckUnknownFields(type, obj, options);
        var meta = ObjectMeta.Metadata(obj);
        if (!string.IsNullOrEmpty(ObjectMeta.GetString(meta, "resourceVersion")))
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        if (string.IsNullOrEmpty(ObjectMeta.Name(obj)) && ObjectMeta.GetString(meta, "generateName") is { Length: > 0 } prefix)
            meta["name"] = prefix + RandomSuffix();
        await CheckNamespaceIsOpenAsync(type, ns, ct);

        PrepareForCreate(type, obj);
        ObjectDefaulter.Apply(type, obj);
        if (type is { Group: "batch", Plural: "jobs" })
            JobDefaults.GenerateSelector(obj, ObjectMeta.Uid(obj)!);
        var request = new AdmissionRequest(type, AdmissionOperation.Create, obj, null, null);
        await context.Admission.MutateAsync(request, ct);
        ObjectChecks.ThrowIfInvalid(type, obj, ObjectValidator.ValidateCreate(type, obj));
        if (!options.IsApply)
            ManagedFields.RecordUpdate(null, obj, options.FieldManager, "Update", null, context.Now, type);
        if (options.DryRun)
            return obj;

        var status = await context.Storage.CreateAsync(type, obj, ct);
        if (status == StoreStatus.AlreadyExists)
            throw ApiException.AlreadyExists(type.GroupResource, ObjectMeta.Name(obj)!);
        context.Admission.Committed(request);
        return obj;
    }

    /// <summary>Sets what the server owns on a new object: uid, creation time, generation, and a clean status.</summary>
    internal void PrepareForCreate(ResourceType type, JsonObject obj)
    {
        var meta = ObjectMeta.Metadata(obj);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = ObjectMeta.Timestamp(context.Now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        if (HasGeneration(type))
            meta["generation"] = 1;
        else
            meta.Remove("generation");
        if (type.HasStatus && ResetsStatusOnCreate(type))
            obj.Remove("status");
        if (type is { Group: "", Plural: "pods" })
            PodStatusDefaults.ResetForCreate(obj);
    }

    /// <summary>The kinds whose spec changes bump metadata.generation (what controllers compare observedGeneration with).</summary>
    public static bool HasGeneration(ResourceType type) =>
        type.IsCustom || type.Group is "apps" or "batch" or "networking.k8s.io" or "apiextensions.k8s.io" or "scheduling.k8s.io";

    // Nodes report their own status when they register, and namespaces are created Active; every other
    // kind with a status subresource starts with an empty one that only its controller fills.
    private static bool ResetsStatusOnCreate(ResourceType type) =>
        type.IsCustom || type.Group is "apps" or "batch" or "networking.k8s.io" || type is { Group: "", Plural: "pods" or "services" or "persistentvolumeclaims" or "persistentvolumes" };

    private async ValueTask CheckNamespaceIsOpenAsync(ResourceType type, string? ns, CancellationToken ct)
    {
        if (!type.Namespaced)
            return;
        if (string.IsNullOrEmpty(ns))
            throw ApiException.BadRequest("a namespace is required to create this object");
        var nsObj = await context.Storage.GetAsync(context.Namespaces, null, ns, ct);
        if (nsObj is null)
            throw ApiException.NotFound("namespaces", ns);
        if (ObjectMeta.IsDeleting(nsObj))
            throw ApiException.Forbidden(type.GroupResource, "", $"unable to create new content in namespace {ns} because it is being terminated");
    }

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        return new string(chars);
    }
}
