using System.Text.Json.Nodes;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.ApiServer.Http;

/// <summary>
/// An error the API answers with a Kubernetes Status object. Handlers throw it; the dispatcher writes it.
/// The factory methods use Kubernetes' reasons and message wording, which kubectl shows to users verbatim.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => StatusObject.Failure(Code, Reason, Message, Details);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException NotFound(string groupResource, string name) =>
        new(404, "NotFound", $"{groupResource} \"{name}\" not found", Describe(groupResource, name));

    public static ApiException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException AlreadyExists(string groupResource, string name) =>
        new(409, "AlreadyExists", $"{groupResource} \"{name}\" already exists", Describe(groupResource, name));

    public static ApiException Conflict(string groupResource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {groupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Describe(groupResource, name));

    public static ApiException ConflictMessage(string groupResource, string name, string message) =>
        new(409, "Conflict", message, Describe(groupResource, name));

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Forbidden(string groupResource, string name, string why) =>
        new(403, "Forbidden", $"{groupResource} \"{name}\" is forbidden: {why}", Describe(groupResource, name));

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got \"{contentType}\")");

    public static ApiException TooLarge(long limit) => new(413, "RequestEntityTooLarge", $"the request body is too large: limit is {limit} bytes");

    /// <summary>422 Invalid with one cause per field error, as `kubectl` prints them: `Kind.group "name" is invalid: [a: b, c: d]`.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        var parts = errors.Select(e => $"{e.Field}: {e.Message}").ToList();
        var joined = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        var causes = new JsonArray();
        foreach (var e in errors)
            causes.Add((JsonNode)new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field });
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causes };
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {joined}", details);
    }

    private static JsonObject Describe(string groupResource, string name)
    {
        var dot = groupResource.IndexOf('.');
        return new JsonObject
        {
            ["name"] = name,
            ["group"] = dot < 0 ? "" : groupResource[(dot + 1)..],
            ["kind"] = dot < 0 ? groupResource : groupResource[..dot],
        };
    }
}
