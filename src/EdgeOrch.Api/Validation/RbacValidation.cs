using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>Roles, ClusterRoles and their bindings.</summary>
internal static class RbacValidation
{
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private static readonly string[] RbacGroupOnly = [RbacGroup];
    private static readonly string[] SubjectKinds = ["ServiceAccount", "User", "Group"];
    private static readonly string[] CoreGroupOnly = [""];

    public static void Role(JsonObject obj, bool namespaced, List<FieldError> errs)
    {
        foreach (var (i, rule) in obj.Arr("rules").Indexed())
            Rule(rule, $"rules[{i}]", namespaced, errs);
        if (!namespaced && obj.Obj("aggregationRule") is { } aggregation)
            foreach (var (i, selector) in aggregation.Arr("clusterRoleSelectors").Indexed())
                LabelSelectors.Validate(selector, $"aggregationRule.clusterRoleSelectors[{i}]", errs);
    }

    private static void Rule(JsonObject rule, string path, bool namespaced, List<FieldError> errs)
    {
        if (rule.Arr("verbs") is null or { Count: 0 })
            errs.Add(FieldError.Required(path + ".verbs", "verbs must contain at least one value"));
        var nonResource = rule.Arr("nonResourceURLs");
        if (nonResource is { Count: > 0 })
        {
            if (namespaced)
                errs.Add(FieldError.InvalidRaw(path + ".nonResourceURLs", GoValues.StringSlice(nonResource), "namespaced rules cannot apply to non-resource URLs"));
            if (rule.Arr("apiGroups") is { Count: > 0 } || rule.Arr("resources") is { Count: > 0 } || rule.Arr("resourceNames") is { Count: > 0 })
                errs.Add(FieldError.InvalidRaw(path + ".nonResourceURLs", GoValues.StringSlice(nonResource), "rules cannot apply to both regular resources and non-resource URLs"));
            return;
        }
        if (rule.Arr("apiGroups") is null or { Count: 0 })
            errs.Add(FieldError.Required(path + ".apiGroups", "resource rules must supply at least one api group"));
        if (rule.Arr("resources") is null or { Count: 0 })
            errs.Add(FieldError.Required(path + ".resources", "resource rules must supply at least one resource"));
    }

    public static void Binding(JsonObject obj, bool namespaced, List<FieldError> errs)
    {
        var roleRef = obj.Obj("roleRef");
        var apiGroup = roleRef.Str("apiGroup") ?? "";
        if (apiGroup != RbacGroup)
            errs.Add(FieldError.NotSupported("roleRef.apiGroup", apiGroup, RbacGroupOnly));
        var kind = roleRef.Str("kind") ?? "";
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
            errs.Add(FieldError.NotSupported("roleRef.kind", kind, kinds));
        var name = roleRef.Str("name") ?? "";
        if (name.Length == 0)
            errs.Add(FieldError.Required("roleRef.name"));
        else
            foreach (var msg in NameValidation.IsValidPathSegmentName(name))
                errs.Add(FieldError.Invalid("roleRef.name", name, msg));

        foreach (var (i, subject) in obj.Arr("subjects").Indexed())
            Subject(subject, $"subjects[{i}]", namespaced, errs);
    }

    private static void Subject(JsonObject subject, string path, bool namespaced, List<FieldError> errs)
    {
        var name = subject.Str("name") ?? "";
        if (name.Length == 0)
            errs.Add(FieldError.Required(path + ".name"));
        var apiGroup = subject.Str("apiGroup") ?? "";
        switch (subject.Str("kind") ?? "")
        {
            case "ServiceAccount":
                if (name.Length > 0)
                    foreach (var msg in NameValidation.IsDns1123Subdomain(name))
                        errs.Add(FieldError.Invalid(path + ".name", name, msg));
                if (apiGroup.Length > 0)
                    errs.Add(FieldError.NotSupported(path + ".apiGroup", apiGroup, CoreGroupOnly));
                if (!namespaced && string.IsNullOrEmpty(subject.Str("namespace")))
                    errs.Add(FieldError.Required(path + ".namespace"));
                break;
            case "User" or "Group":
                if (apiGroup != RbacGroup)
                    errs.Add(FieldError.NotSupported(path + ".apiGroup", apiGroup, RbacGroupOnly));
                break;
            case var other:
                errs.Add(FieldError.NotSupported(path + ".kind", other, SubjectKinds));
                break;
        }
    }

    public static void BindingUpdate(JsonObject newObj, JsonObject oldObj, List<FieldError> errs)
    {
        var newRef = newObj.Obj("roleRef");
        if (!JsonFields.DeepEquals(newRef, oldObj.Obj("roleRef")))
        {
            var rendered = $"rbac.RoleRef{{APIGroup:{GoValues.Quote(newRef.Str("apiGroup") ?? "")}, Kind:{GoValues.Quote(newRef.Str("kind") ?? "")}, Name:{GoValues.Quote(newRef.Str("name") ?? "")}}}";
            errs.Add(FieldError.InvalidRaw("roleRef", rendered, "cannot change roleRef"));
        }
    }
}
