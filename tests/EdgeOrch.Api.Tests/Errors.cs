using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

/// <summary>Renders errors as Kubernetes prints them ("field: message") so tests compare whole lines.</summary>
internal static class Errors
{
    public static List<string> Lines(IEnumerable<FieldError> errors) => [.. errors.Select(e => $"{e.Field}: {e.Message}")];
}
