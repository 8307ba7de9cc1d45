using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.OpenApi;

/// <summary>
/// Builds the operation objects of a resource's paths. Every write (post, put, patch) declares the fieldValidation
/// query parameter: kubectl 1.32 looks for it on the PATCH operation of the kind and then trusts the server to
/// validate (otherwise it falls back to client-side validation from /openapi/v2 in protobuf).
/// </summary>
internal static class OpenApiOperations
{
    private static readonly string[] PatchTypes =
    [
        "application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json", "application/apply-patch+yaml",
    ];

    public static JsonObject Operation(string action, string operationId, (string Group, string Version, string Kind) gvk,
        string? bodySchema, string responseSchema, bool created = false)
    {
        var op = new JsonObject
        {
            ["operationId"] = operationId,
            ["description"] = $"{action} {gvk.Kind}",
            ["parameters"] = new JsonArray([.. QueryParameters(action)]),
            ["responses"] = Responses(responseSchema, created),
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version,
            },
        };
        if (bodySchema is not null)
        {
            var content = new JsonObject();
            foreach (var type in action == "patch" ? PatchTypes : ["*/*"])
                content[type] = new JsonObject { ["schema"] = Ref(bodySchema) };
            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = action != "delete" && action != "deletecollection" };
        }
        return op;
    }

    public static JsonArray PathParameters(bool namespaced, bool item)
    {
        var list = new JsonArray();
        if (item)
            list.Add((JsonNode)Parameter("name", "path", "string", "name of the object", required: true));
        if (namespaced)
            list.Add((JsonNode)Parameter("namespace", "path", "string", "object name and auth scope, such as for teams and projects", required: true));
        list.Add((JsonNode)Parameter("pretty", "query", "string", "If 'true', the output is pretty printed."));
        return list;
    }

    private static IEnumerable<JsonObject> QueryParameters(string action)
    {
        switch (action)
        {
            case "list":
            case "deletecollection":
                yield return Parameter("labelSelector", "query", "string", "Selects objects by their labels.");
                yield return Parameter("fieldSelector", "query", "string", "Selects objects by their fields.");
                yield return Parameter("limit", "query", "integer", "The most objects to return in one page.");
                yield return Parameter("continue", "query", "string", "Token of the next page, from the previous page's metadata.");
                yield return Parameter("resourceVersion", "query", "string", "Which revision the result must be at least as new as.");
                yield return Parameter("timeoutSeconds", "query", "integer", "Time limit of a list or watch call.");
                if (action == "list")
                {
                    yield return Parameter("watch", "query", "boolean", "Stream changes instead of returning a list.");
                    yield return Parameter("allowWatchBookmarks", "query", "boolean", "Ask for BOOKMARK events in a watch.");
                }
                else
                {
                    foreach (var p in DeleteParameters())
                        yield return p;
                }
                break;
            case "post":
            case "put":
            case "patch":
                yield return Parameter("dryRun", "query", "string", "When present, the change is checked but not stored (All).");
                yield return Parameter("fieldManager", "query", "string", "Name of the actor making the change.");
                yield return Parameter("fieldValidation", "query", "string",
                    "What the server does with unknown or duplicate fields: Ignore, Warn or Strict.");
                if (action == "patch")
                    yield return Parameter("force", "query", "boolean", "Apply requests: take over fields owned by other managers.");
                break;
            case "delete":
                foreach (var p in DeleteParameters())
                    yield return p;
                break;
        }
    }

    private static IEnumerable<JsonObject> DeleteParameters()
    {
        yield return Parameter("dryRun", "query", "string", "When present, the deletion is checked but not done (All).");
        yield return Parameter("gracePeriodSeconds", "query", "integer", "Seconds before the object is deleted.");
        yield return Parameter("propagationPolicy", "query", "string", "Orphan, Background or Foreground deletion of dependents.");
    }

    private static JsonObject Parameter(string name, string where, string type, string description, bool required = false)
    {
        var p = new JsonObject
        {
            ["name"] = name,
            ["in"] = where,
            ["description"] = description,
            ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
        };
        if (required)
            p["required"] = true;
        return p;
    }

    private static JsonObject Responses(string schema, bool created)
    {
        var responses = new JsonObject { ["200"] = Response("OK", schema) };
        if (created)
        {
            responses["201"] = Response("Created", schema);
            responses["202"] = Response("Accepted", schema);
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    private static JsonObject Response(string description, string schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = Ref(schema) },
            ["application/yaml"] = new JsonObject { ["schema"] = Ref(schema) },
        },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = BuiltinSchemas.RefPrefix + name };
}
