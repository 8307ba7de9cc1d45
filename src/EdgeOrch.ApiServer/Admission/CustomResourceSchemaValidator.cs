using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeOrch.Api.Validation;
using static EdgeOrch.ApiServer.Admission.CustomResourceSchemaValues;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Checks a custom resource against its CRD's structural openAPIV3Schema the way the apiextensions server does
/// (kube-openapi's validator, converted to field errors): messages read "spec.size in body should be greater than or equal to 1",
/// enum failures are "Unsupported value", missing required fields "Required value", maxLength "Too long", maxItems "Too many".
/// apiVersion, kind and metadata of the root (and of embedded resources) are Kubernetes' business, not the schema's.
/// </summary>
public static class CustomResourceSchemaValidator
{
    // Schemas may nest deeply, objects may be hostile: stop rather than overflow the stack.
    private const int MaxDepth = 64;

    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public static IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject schema)
    {
        var errors = new List<FieldError>();
        ValidateObject(obj, schema, "", errors, skipMeta: true, depth: 0);
        return errors;
    }

    private static void ValidateNode(JsonNode? node, JsonObject schema, string path, List<FieldError> errors, int depth)
    {
        if (depth > MaxDepth)
            return;
        if (node is null)
        {
            // null passes a nullable field, and a field without a type; anything else is a type error.
            var declared = StringOf(schema["type"]);
            if (!IsTrue(schema["nullable"]) && !string.IsNullOrEmpty(declared))
                errors.Add(TypeError(path, declared, "null"));
            return;
        }
        if (!CheckType(node, schema, path, errors))
            return;
        CheckEnum(node, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors, skipMeta: IsTrue(schema["x-kubernetes-embedded-resource"]), depth);
                break;
            case JsonArray arr:
                ValidateArray(arr, schema, path, errors, depth);
                break;
            default:
                if (StringOf(node) is { } s)
                    ValidateString(node, s, schema, path, errors);
                else if (TryNumber(node, out var d))
                    ValidateNumber(node, d, schema, path, errors);
                break;
        }
    }

    /// <summary>False when the value has the wrong type: kube-openapi reports only that, not the other keywords.</summary>
    private static bool CheckType(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var actual = TypeOf(node);
        if (IsTrue(schema["x-kubernetes-int-or-string"]))
        {
            if (actual is "string" || IsWholeNumber(node))
                return true;
            errors.Add(TypeError(path, "integer,string", actual));
            return false;
        }
        var declared = StringOf(schema["type"]);
        if (string.IsNullOrEmpty(declared))
            return true;
        var ok = declared switch
        {
            "integer" => IsWholeNumber(node),
            "number" => actual is "integer" or "number",
            _ => declared == actual,
        };
        if (!ok)
            errors.Add(TypeError(path, declared, actual));
        return ok;
    }

    private static FieldError TypeError(string path, string declared, string actual) =>
        FieldError.InvalidRaw(path, Quote(actual), $"{path} in body must be of type {declared}: {Quote(actual)}");

    private static void CheckEnum(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Count == 0)
            return;
        foreach (var candidate in allowed)
            if (JsonNode.DeepEquals(candidate, node) || (TryNumber(candidate, out var a) && TryNumber(node, out var b) && a == b))
                return;
        var supported = allowed.Select(v => Quote(StringOf(v) ?? v?.ToJsonString() ?? "null"));
        errors.Add(new FieldError("FieldValueNotSupported", path,
            $"Unsupported value: {Render(node)}: supported values: {string.Join(", ", supported)}"));
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors, bool skipMeta, int depth)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(StringOf).OfType<string>())
                if (!obj.ContainsKey(name) && !(skipMeta && IsMeta(name)))
                    errors.Add(FieldError.Required(Child(path, name)));
        if (LongOf(schema["minProperties"]) is { } minProps && obj.Count < minProps)
            errors.Add(FieldError.InvalidRaw(path, obj.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{path} in body should have at least {minProps} properties"));
        if (LongOf(schema["maxProperties"]) is { } maxProps && obj.Count > maxProps)
            errors.Add(FieldError.TooMany(path, obj.Count, (int)maxProps));
        foreach (var (key, value) in obj)
        {
            if (skipMeta && IsMeta(key))
                continue;
            if (properties?[key] is JsonObject propSchema)
                ValidateNode(value, propSchema, Child(path, key), errors, depth + 1);
            else if (schema["additionalProperties"] is JsonObject additional)
                ValidateNode(value, additional, Child(path, key), errors, depth + 1);
        }
    }

    private static void ValidateArray(JsonArray arr, JsonObject schema, string path, List<FieldError> errors, int depth)
    {
        if (LongOf(schema["minItems"]) is { } min && arr.Count < min)
            errors.Add(FieldError.InvalidRaw(path, arr.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{path} in body should have at least {min} items"));
        if (LongOf(schema["maxItems"]) is { } max && arr.Count > max)
            errors.Add(FieldError.TooMany(path, arr.Count, (int)max));
        if (IsTrue(schema["uniqueItems"]) && HasDuplicates(arr))
            errors.Add(FieldError.InvalidRaw(path, "\"\"", $"{path} in body shouldn't contain duplicates"));
        CustomResourceSchemaListTypes.Check(arr, schema, path, errors);
        if (schema["items"] is JsonObject items)
            for (var i = 0; i < arr.Count; i++)
                ValidateNode(arr[i], items, $"{path}[{i}]", errors, depth + 1);
    }

    private static void ValidateString(JsonNode node, string s, JsonObject schema, string path, List<FieldError> errors)
    {
        var length = RuneCount(s);
        if (LongOf(schema["maxLength"]) is { } max && length > max)
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be longer than {max}"));
        if (LongOf(schema["minLength"]) is { } min && length < min)
            errors.Add(FieldError.InvalidRaw(path, Quote(s), $"{path} in body should be at least {min} chars long"));
        if (StringOf(schema["pattern"]) is { } pattern && Compile(pattern) is { } regex && !Matches(regex, s))
            errors.Add(FieldError.InvalidRaw(path, Quote(s), $"{path} in body should match '{pattern}'"));
        if (StringOf(schema["format"]) is { } format && !CustomResourceSchemaFormats.IsValid(format, s))
            errors.Add(FieldError.InvalidRaw(path, Quote(s), $"{path} in body must be of type {format}: {Quote(s)}"));
    }

    private static void ValidateNumber(JsonNode node, double value, JsonObject schema, string path, List<FieldError> errors)
    {
        var rendered = RenderNumber(node);
        if (TryNumber(schema["maximum"], out var max))
        {
            var exclusive = IsTrue(schema["exclusiveMaximum"]);
            if (exclusive ? value >= max : value > max)
                errors.Add(FieldError.InvalidRaw(path, rendered,
                    $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{FormatDouble(max)}"));
        }
        if (TryNumber(schema["minimum"], out var min))
        {
            var exclusive = IsTrue(schema["exclusiveMinimum"]);
            if (exclusive ? value <= min : value < min)
                errors.Add(FieldError.InvalidRaw(path, rendered,
                    $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{FormatDouble(min)}"));
        }
        if (TryNumber(schema["multipleOf"], out var factor) && factor > 0)
        {
            var quotient = value / factor;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9)
                errors.Add(FieldError.InvalidRaw(path, rendered, $"{path} in body should be a multiple of {FormatDouble(factor)}"));
        }
        if (StringOf(schema["format"]) is "int32" && IsWholeNumber(node) && (value < int.MinValue || value > int.MaxValue))
            errors.Add(FieldError.InvalidRaw(path, rendered, $"{path} in body must be of type int32: {Quote(rendered)}"));
    }

    private static bool HasDuplicates(JsonArray arr)
    {
        for (var i = 0; i < arr.Count; i++)
            for (var j = i + 1; j < arr.Count; j++)
                if (JsonNode.DeepEquals(arr[i], arr[j]))
                    return true;
        return false;
    }

    private static Regex? Compile(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null; // Kubernetes rejects such a CRD up front; here the keyword is simply not enforced.
        }
    });

    private static bool Matches(Regex regex, string s)
    {
        try
        {
            return regex.IsMatch(s);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    internal static long? LongOf(JsonNode? node) => TryNumber(node, out var d) ? (long)d : null;

    internal static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static bool IsMeta(string key) => key is "apiVersion" or "kind" or "metadata";
}
