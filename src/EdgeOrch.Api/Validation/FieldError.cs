namespace EdgeOrch.Api.Validation;

/// <summary>
/// One reason an object is invalid, shaped like Kubernetes' field.Error so it maps one-to-one onto a Status cause:
/// <see cref="Reason"/> is the cause reason (FieldValueRequired, FieldValueInvalid, FieldValueNotSupported,
/// FieldValueDuplicate, FieldValueForbidden, FieldValueTooLong), <see cref="Field"/> the path ("spec.template.spec.containers[0].name"),
/// <see cref="Message"/> the text after the field in Kubernetes' message ("Required value", "Invalid value: \"Web\": a lowercase RFC 1123 ...").
/// </summary>
public sealed record FieldError(string Reason, string Field, string Message)
{
    public static FieldError Required(string field) => new("FieldValueRequired", field, "Required value");

    public static FieldError Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: \"{value}\": {detail}");

    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    public static FieldError Duplicate(string field, string value) => new("FieldValueDuplicate", field, $"Duplicate value: \"{value}\"");

    /// <summary>Like <see cref="Invalid(string, string, string)"/> for a number: Kubernetes prints numbers unquoted.</summary>
    public static FieldError Invalid(string field, long value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {value}: {detail}");

    /// <summary>Invalid with a value already rendered the way Kubernetes prints it (a Go literal, "null", a number).</summary>
    public static FieldError InvalidRaw(string field, string renderedValue, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {renderedValue}: {detail}");

    public static FieldError NotFound(string field, string value) => new("FieldValueNotFound", field, $"Not found: \"{value}\"");

    /// <summary>Required with Kubernetes' optional detail ("Required value: name or generateName is required").</summary>
    public static FieldError Required(string field, string detail) => new("FieldValueRequired", field, $"Required value: {detail}");

    public static FieldError TooLong(string field, int maxBytes) =>
        new("FieldValueTooLong", field, $"Too long: must have at most {maxBytes} bytes");

    public static FieldError TooMany(string field, int actual, int max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    /// <summary>Kubernetes' wording for a changed immutable field.</summary>
    public static FieldError Immutable(string field, string value) =>
        new("FieldValueInvalid", field, $"Invalid value: {value}: field is immutable");
}
