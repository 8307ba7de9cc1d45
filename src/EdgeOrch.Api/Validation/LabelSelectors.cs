using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>
/// metav1.LabelSelector: validation (Kubernetes' messages) and matching against a label set.
/// Public because controllers and the API server's list filtering need the same semantics.
/// </summary>
public static class LabelSelectors
{
    public static void Validate(JsonObject? selector, string path, List<FieldError> errs)
    {
        if (selector is null) return;
        MetadataValidation.Labels(selector.Obj("matchLabels"), path + ".matchLabels", errs);
        foreach (var (i, req) in selector.Arr("matchExpressions").Indexed())
        {
            var reqPath = $"{path}.matchExpressions[{i}]";
            var op = req.Str("operator") ?? "";
            var values = req.Arr("values");
            switch (op)
            {
                case "In" or "NotIn":
                    if (values is null or { Count: 0 })
                        errs.Add(FieldError.Required(reqPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist":
                    if (values is { Count: > 0 })
                        errs.Add(FieldError.Forbidden(reqPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                default:
                    errs.Add(FieldError.Invalid(reqPath + ".operator", op, "not a valid selector operator"));
                    break;
            }
            var key = req.Str("key") ?? "";
            foreach (var msg in NameValidation.IsQualifiedName(key))
                errs.Add(FieldError.Invalid(reqPath + ".key", key, msg));
        }
    }

    /// <summary>True when the selector selects nothing in particular (no labels, no expressions).</summary>
    public static bool IsEmpty(JsonObject? selector) =>
        (selector.Obj("matchLabels")?.Count ?? 0) == 0 && (selector.Arr("matchExpressions")?.Count ?? 0) == 0;

    /// <summary>Whether <paramref name="labels"/> satisfy the selector. A null selector matches nothing; an empty one everything.</summary>
    public static bool Matches(JsonObject? selector, JsonObject? labels)
    {
        if (selector is null) return false;
        foreach (var (key, value) in selector.Obj("matchLabels").StringMap())
            if (labels.Str(key) != value)
                return false;
        foreach (var req in selector.Arr("matchExpressions").Objects())
        {
            var key = req.Str("key") ?? "";
            var has = labels?.ContainsKey(key) == true;
            var actual = labels.Str(key);
            var values = req.Arr("values")?.Select(JsonFields.AsString).ToHashSet() ?? [];
            var ok = req.Str("operator") switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
