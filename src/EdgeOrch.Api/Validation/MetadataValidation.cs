using System.Text;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Api.Validation;

/// <summary>ObjectMeta checks every kind shares (ValidateObjectMeta / ValidateObjectMetaUpdate in Kubernetes).</summary>
internal static class MetadataValidation
{
    public const int TotalAnnotationSizeLimit = 256 * 1024;
    private static readonly HashSet<string> StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    /// <summary>The name format each kind demands: most are DNS subdomains; a few are stricter or path segments.</summary>
    public static Func<string, List<string>> NameRule(ResourceType type) => (type.Group, type.Kind) switch
    {
        _ when type.IsCustom => NameValidation.IsDns1123Subdomain,
        ("", "Namespace") => NameValidation.IsDns1123Label,
        ("", "Service") => NameValidation.IsDns1035Label,
        ("rbac.authorization.k8s.io", _) => NameValidation.IsValidPathSegmentName,
        _ => NameValidation.IsDns1123Subdomain,
    };

    public static void Validate(ResourceType type, JsonObject obj, List<FieldError> errs)
    {
        var meta = obj.Obj("metadata") ?? new JsonObject();
        var nameRule = NameRule(type);
        var name = meta.Str("name") ?? "";
        var generateName = meta.Str("generateName") ?? "";

        if (generateName.Length > 0)
        {
            // A prefix may end in '-': Kubernetes checks it with the trailing dash masked.
            // (Kubernetes' maskTrailingDash drops the dash and the character before it, then appends "a".)
            var masked = generateName.Length > 1 && generateName.EndsWith('-') ? generateName[..^2] + "a" : generateName;
            foreach (var msg in nameRule(masked))
                errs.Add(FieldError.Invalid("metadata.generateName", generateName, msg));
        }
        if (name.Length == 0)
        {
            if (generateName.Length == 0)
                errs.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var msg in nameRule(name))
                errs.Add(FieldError.Invalid("metadata.name", name, msg));
        }

        var ns = meta.Str("namespace") ?? "";
        if (type.Namespaced)
        {
            if (ns.Length == 0)
                errs.Add(FieldError.Required("metadata.namespace"));
            else
                foreach (var msg in NameValidation.IsDns1123Label(ns))
                    errs.Add(FieldError.Invalid("metadata.namespace", ns, msg));
        }
        else if (ns.Length > 0)
        {
            errs.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        if (meta.Int("generation") is { } gen && gen < 0)
            errs.Add(FieldError.Invalid("metadata.generation", gen, "must be greater than or equal to 0"));

        Labels(meta.Obj("labels"), "metadata.labels", errs);
        Annotations(meta.Obj("annotations"), "metadata.annotations", errs);
        Finalizers(meta.Arr("finalizers"), errs);
    }

    public static void Labels(JsonObject? labels, string path, List<FieldError> errs)
    {
        if (labels is null) return;
        foreach (var (key, value) in labels)
        {
            foreach (var msg in NameValidation.IsQualifiedName(key))
                errs.Add(FieldError.Invalid(path, key, msg));
            var text = JsonFields.AsString(value);
            if (text is null)
            {
                errs.Add(FieldError.InvalidRaw(path, GoValues.Value(value), "label values must be strings"));
                continue;
            }
            foreach (var msg in NameValidation.IsValidLabelValue(text))
                errs.Add(FieldError.Invalid(path, text, msg));
        }
    }

    public static void Annotations(JsonObject? annotations, string path, List<FieldError> errs)
    {
        if (annotations is null) return;
        long size = 0;
        foreach (var (key, value) in annotations)
        {
            foreach (var msg in NameValidation.IsQualifiedName(key.ToLowerInvariant()))
                errs.Add(FieldError.Invalid(path, key, msg));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(JsonFields.AsString(value) ?? "");
        }
        if (size > TotalAnnotationSizeLimit)
            errs.Add(FieldError.TooLong(path, TotalAnnotationSizeLimit));
    }

    private static void Finalizers(JsonArray? finalizers, List<FieldError> errs)
    {
        if (finalizers is null) return;
        foreach (var node in finalizers)
        {
            var f = JsonFields.AsString(node) ?? "";
            foreach (var msg in NameValidation.IsQualifiedName(f))
                errs.Add(FieldError.Invalid("metadata.finalizers", f, msg));
            if (!f.Contains('/') && !StandardFinalizers.Contains(f))
                errs.Add(FieldError.Invalid("metadata.finalizers", f, "name is neither a standard finalizer name nor is it fully qualified"));
        }
    }

    /// <summary>Identity fields never change after creation.</summary>
    public static void ValidateUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newMeta = newObj.Obj("metadata");
        var oldMeta = oldObj.Obj("metadata");
        foreach (var field in new[] { "name", "namespace", "uid" })
        {
            var newValue = newMeta.Str(field) ?? "";
            var oldValue = oldMeta.Str(field) ?? "";
            // An update that leaves uid out is fine: the server fills it from the stored object.
            if (field == "uid" && newValue.Length == 0)
                continue;
            if (newValue != oldValue)
                errs.Add(FieldError.Immutable("metadata." + field, GoValues.Quote(newValue)));
        }
    }
}
