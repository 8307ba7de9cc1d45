using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
internal static class CrdValidation
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];
    private static readonly string[] ConversionStrategies = ["None", "Webhook"];

    public static void Validate(JsonObject obj, List<FieldError> errs)
    {
        var spec = obj.Obj("spec") ?? new JsonObject();
        var group = spec.Str("group") ?? "";
        if (group.Length == 0)
            errs.Add(FieldError.Required("spec.group"));
        else
        {
            foreach (var msg in NameValidation.IsDns1123Subdomain(group))
                errs.Add(FieldError.Invalid("spec.group", group, msg));
            if (group.Split('.').Length < 2)
                errs.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        var scope = spec.Str("scope") ?? "";
        if (scope.Length == 0)
            errs.Add(FieldError.Required("spec.scope"));
        else if (!Scopes.Contains(scope))
            errs.Add(FieldError.NotSupported("spec.scope", scope, Scopes));

        var names = spec.Obj("names") ?? new JsonObject();
        var plural = names.Str("plural") ?? "";
        Names(names, errs);

        var name = obj.Obj("metadata")?.Str("name") ?? "";
        if (name != plural + "." + group)
            errs.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));

        Versions(spec.Arr("versions"), errs);

        if (spec.Obj("conversion")?.Str("strategy") is { } strategy && !ConversionStrategies.Contains(strategy))
            errs.Add(FieldError.NotSupported("spec.conversion.strategy", strategy, ConversionStrategies));
    }

    private static void Names(JsonObject names, List<FieldError> errs)
    {
        foreach (var field in new[] { "plural", "singular" })
        {
            var value = names.Str(field) ?? "";
            if (value.Length == 0)
            {
                if (field == "plural")
                    errs.Add(FieldError.Required("spec.names.plural"));
                continue;
            }
            foreach (var msg in NameValidation.IsDns1035Label(value))
                errs.Add(FieldError.Invalid($"spec.names.{field}", value, msg));
        }
        var kind = names.Str("kind") ?? "";
        if (kind.Length == 0)
            errs.Add(FieldError.Required("spec.names.kind"));
        else if (kind == names.Str("listKind"))
            errs.Add(FieldError.Invalid("spec.names.listKind", kind, "kind and listKind may not be the same"));
        foreach (var field in new[] { "shortNames", "categories" })
            foreach (var (i, value) in (names.Arr(field) ?? []).Select((n, i) => (i, JsonFields.AsString(n) ?? "")))
                foreach (var msg in NameValidation.IsDns1035Label(value))
                    errs.Add(FieldError.Invalid($"spec.names.{field}[{i}]", value, msg));
    }

    private static void Versions(JsonArray? versions, List<FieldError> errs)
    {
        if (versions is null or { Count: 0 })
        {
            errs.Add(FieldError.Invalid("spec.versions", "", "must have exactly one version marked as storage version"));
            return;
        }
        var seen = new HashSet<string>();
        var storage = 0;
        var served = 0;
        foreach (var (i, v) in versions.Indexed())
        {
            var vp = $"spec.versions[{i}]";
            var name = v.Str("name") ?? "";
            if (name.Length == 0)
                errs.Add(FieldError.Required(vp + ".name"));
            else
            {
                foreach (var msg in NameValidation.IsDns1035Label(name))
                    errs.Add(FieldError.Invalid(vp + ".name", name, msg));
                if (!seen.Add(name))
                    errs.Add(FieldError.Duplicate(vp + ".name", name));
            }
            if (v.Bool("storage") == true) storage++;
            if (v.Bool("served") == true) served++;
            if (v.Obj("schema")?.Obj("openAPIV3Schema") is null)
                errs.Add(FieldError.Required(vp + ".schema.openAPIV3Schema", "schemas are required"));
        }
        if (storage != 1)
            errs.Add(FieldError.InvalidRaw("spec.versions", versions.ToJsonString(), "must have exactly one version marked as storage version"));
        if (served == 0)
            errs.Add(FieldError.InvalidRaw("spec.versions", versions.ToJsonString(), "must have at least one version marked as served"));
    }

    public static void Update(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newSpec = newObj.Obj("spec");
        var oldSpec = oldObj.Obj("spec");
        foreach (var field in new[] { "group", "scope" })
            if (newSpec.Str(field) != oldSpec.Str(field))
                errs.Add(FieldError.Immutable("spec." + field, GoValues.Quote(newSpec.Str(field) ?? "")));
        if (newSpec?.Obj("names")?.Str("plural") != oldSpec?.Obj("names")?.Str("plural"))
            errs.Add(FieldError.Immutable("spec.names.plural", GoValues.Quote(newSpec?.Obj("names")?.Str("plural") ?? "")));
    }
}
