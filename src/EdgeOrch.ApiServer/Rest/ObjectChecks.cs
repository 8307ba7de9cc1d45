using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.OpenApi;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>Checks shared by create, update and patch: the body's kind, validation results, unknown fields.</summary>
internal static class ObjectChecks
{
    /// <summary>The body's apiVersion and kind must name the kind of the URL (they may be left out).</summary>
    public static void CheckKind(ResourceType type, JsonObject obj)
    {
        var apiVersion = ObjectMeta.GetString(obj, "apiVersion");
        var kind = ObjectMeta.GetString(obj, "kind");
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
            throw ApiException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})" +
                (kind is not null && kind != type.Kind ? $", or kind {kind} is not {type.Kind}" : ""));
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    public static void ThrowIfInvalid(ResourceType type, JsonObject obj, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
            throw ApiException.Invalid(type.Kind, type.Group, ObjectMeta.Name(obj) ?? "", errors);
    }

    /// <summary>fieldValidation: Strict rejects unknown fields with Kubernetes' "strict decoding error", Warn reports them.</summary>
    public static void CheckUnknownFields(ResourceType type, JsonObject obj, WriteOptions options)
    {
        if (options.FieldValidation == FieldValidation.Ignore)
            return;
        var unknown = UnknownFieldChecker.Find(type, obj);
        if (unknown.Count == 0)
            return;
        var messages = unknown.Select(p => $"unknown field \"{p.TrimStart('.')}\"").ToList();
        if (options.FieldValidation == FieldValidation.Strict)
            throw ApiException.BadRequest($"strict decoding error: {string.Join(", ", messages)}");
        options.Warnings.AddRange(messages);
    }

    public static void CheckNameMatchesPath(JsonObject obj, string name)
    {
        var bodyName = ObjectMeta.Name(obj);
        if (bodyName is null)
            ObjectMeta.Metadata(obj)["name"] = name;
        else if (bodyName != name)
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
    }

    /// <summary>The namespace of the body must agree with the URL's; a missing one is filled in.</summary>
    public static void CheckNamespace(ResourceType type, JsonObject obj, string? ns)
    {
        var meta = ObjectMeta.Metadata(obj);
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }
        var bodyNs = ObjectMeta.Namespace(obj);
        if (string.IsNullOrEmpty(bodyNs))
            meta["namespace"] = ns;
        else if (bodyNs != ns)
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
}
