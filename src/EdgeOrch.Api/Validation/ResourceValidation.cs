using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Quantities;

namespace EdgeOrch.Api.Validation;

/// <summary>Container resource requirements: quantities parse, are not negative, and requests do not exceed limits.</summary>
internal static class ResourceValidation
{
    private static readonly HashSet<string> StandardContainerResources = ["cpu", "memory", "ephemeral-storage"];

    public static void Requirements(JsonObject? resources, string path, List<FieldError> errs)
    {
        if (resources is null) return;
        var limits = QuantityList(resources.Obj("limits"), path + ".limits", errs);
        var requests = QuantityList(resources.Obj("requests"), path + ".requests", errs);
        foreach (var (name, request) in requests)
        {
            if (limits.TryGetValue(name, out var limit) && request > limit)
                errs.Add(FieldError.Invalid(path + ".requests", request.ToString(), $"must be less than or equal to {name} limit of {limit}"));
        }
    }

    /// <summary>Parses a resource list, reporting names and values Kubernetes would reject.</summary>
    public static Dictionary<string, Quantity> QuantityList(JsonObject? list, string path, List<FieldError> errs, bool containerResources = true)
    {
        var result = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (list is null) return result;
        foreach (var (name, node) in list)
        {
            var keyPath = $"{path}[{name}]";
            if (containerResources && !name.Contains('/') && !StandardContainerResources.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
                errs.Add(FieldError.Invalid(keyPath, name, "must be a standard resource for containers"));
            else if (name.Contains('/'))
                foreach (var msg in NameValidation.IsQualifiedName(name))
                    errs.Add(FieldError.Invalid(keyPath, name, msg));

            if (!TryQuantity(node, out var q))
            {
                errs.Add(FieldError.InvalidRaw(keyPath, GoValues.Value(node), Quantity.FormatError));
                continue;
            }
            if (q.Sign < 0)
                errs.Add(FieldError.Invalid(keyPath, q.ToString(), "must be greater than or equal to 0"));
            result[name] = q;
        }
        return result;
    }

    public static bool TryQuantity(JsonNode? node, out Quantity quantity)
    {
        var text = JsonFields.AsString(node) ?? (JsonFields.AsLong(node) is { } n ? n.ToString(CultureInfo.InvariantCulture) : node?.ToJsonString());
        if (Quantity.TryParse(text, out var q))
        {
            quantity = q;
            return true;
        }
        quantity = Quantity.Zero;
        return false;
    }
}
