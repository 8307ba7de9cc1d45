using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>The selector-plus-pod-template pair every workload kind shares.</summary>
internal static class TemplateValidation
{
    private static readonly string[] AlwaysOnly = ["Always"];

    /// <summary>
    /// Validates spec.selector (required unless <paramref name="selectorOptional"/>; non-empty, naming
    /// <paramref name="emptySelectorKind"/> in the message) and spec.template (its labels must match the selector).
    /// </summary>
    public static void SelectorAndTemplate(JsonObject spec, string specPath, string emptySelectorKind, bool requireRestartAlways,
        List<FieldError> errs, bool selectorOptional = false)
    {
        var selector = spec.Obj("selector");
        if (selector is null)
        {
            if (!selectorOptional)
                errs.Add(FieldError.Required(specPath + ".selector"));
        }
        else
        {
            LabelSelectors.Validate(selector, specPath + ".selector", errs);
            if (LabelSelectors.IsEmpty(selector))
                errs.Add(FieldError.InvalidRaw(specPath + ".selector", GoValues.LabelSelector(selector), $"empty selector is invalid for {emptySelectorKind}"));
        }

        var template = spec.Obj("template");
        if (template is null)
        {
            errs.Add(FieldError.Required(specPath + ".template"));
            return;
        }
        Template(template, specPath + ".template", errs);
        var labels = template.Obj("metadata")?.Obj("labels");
        if (selector is not null && !LabelSelectors.IsEmpty(selector) && !LabelSelectors.Matches(selector, labels))
            errs.Add(FieldError.InvalidRaw(specPath + ".template.metadata.labels", GoValues.StringMap(labels), "`selector` does not match template `labels`"));

        if (requireRestartAlways && template.Obj("spec")?.Str("restartPolicy") is { } restart && restart != "Always")
            errs.Add(FieldError.NotSupported(specPath + ".template.spec.restartPolicy", restart, AlwaysOnly));
        if (requireRestartAlways && template.Obj("spec")?["activeDeadlineSeconds"] is not null)
            errs.Add(FieldError.Forbidden(specPath + ".template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }

    /// <summary>A PodTemplateSpec: its metadata labels/annotations and its pod spec.</summary>
    public static void Template(JsonObject template, string path, List<FieldError> errs)
    {
        MetadataValidation.Labels(template.Obj("metadata")?.Obj("labels"), path + ".metadata.labels", errs);
        MetadataValidation.Annotations(template.Obj("metadata")?.Obj("annotations"), path + ".metadata.annotations", errs);
        PodSpecValidation.Validate(template.Obj("spec"), path + ".spec", isPod: false, errs);
    }

    public static void NonNegative(JsonObject spec, string specPath, List<FieldError> errs, params string[] fields)
    {
        foreach (var f in fields)
            if (spec.Int(f) is { } v && v < 0)
                errs.Add(FieldError.Invalid($"{specPath}.{f}", v, "must be greater than or equal to 0"));
    }

    /// <summary>An int-or-percent field such as maxUnavailable; returns its value against 100 for the zero checks (-1 when invalid).</summary>
    public static long IntOrPercent(JsonNode? node, string path, List<FieldError> errs)
    {
        if (node is null) return 0;
        if (JsonFields.AsString(node) is { } s)
        {
            var msgs = NameValidation.IsValidPercent(s);
            foreach (var msg in msgs)
                errs.Add(FieldError.Invalid(path, s, msg));
            return msgs.Count == 0 ? long.Parse(s[..^1], System.Globalization.CultureInfo.InvariantCulture) : -1;
        }
        var n = JsonFields.AsLong(node) ?? 0;
        if (n < 0)
            errs.Add(FieldError.Invalid(path, n, "must be greater than or equal to 0"));
        return n;
    }

    /// <summary>Go's %#v of an intstr.IntOrString, as Kubernetes prints it in these messages.</summary>
    public static string GoIntOrString(JsonNode? node) => JsonFields.AsString(node) is { } s
        ? $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{GoValues.Quote(s)}}}"
        : $"intstr.IntOrString{{Type:0, IntVal:{JsonFields.AsLong(node) ?? 0}, StrVal:\"\"}}";

    /// <summary>Changing the selector of an apps/v1 workload is refused with the selector printed as Go does.</summary>
    public static void ImmutableSelector(JsonObject? newSpec, JsonObject? oldSpec, string specPath, List<FieldError> errs)
    {
        if (!JsonFields.DeepEquals(newSpec?["selector"], oldSpec?["selector"]))
            errs.Add(FieldError.Immutable(specPath + ".selector", GoValues.LabelSelector(newSpec.Obj("selector"))));
    }
}
