namespace EdgeOrch.ApiServer.Http;

/// <summary>
/// What a REST path addresses, parsed the way Kubernetes' request-info resolver does:
/// /api/v1/namespaces/{ns}/{resource}/{name}/{subresource} and /apis/{group}/{version}/...; the namespace object itself is
/// /api/v1/namespaces/{name}. The legacy /watch/ path segment is accepted and turns a list into a watch.
/// </summary>
public sealed record RequestInfo(
    string Group,
    string Version,
    string? Namespace,
    string Resource,
    string? Name,
    string? Subresource,
    bool LegacyWatch)
{
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int i;
        string group;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            group = "";
            i = 1;
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            i = 2;
        }
        else
        {
            return null;
        }

        var version = parts[i++];
        var legacyWatch = false;
        if (i < parts.Length && parts[i] == "watch")
        {
            legacyWatch = true;
            i++;
        }

        if (i >= parts.Length)
            return null;

        string? ns = null;
        // "namespaces/{ns}/{resource}..." addresses something inside a namespace; "namespaces" or "namespaces/{name}[/{sub}]"
        // addresses the namespace objects themselves (status and finalize are their subresources).
        if (parts[i] == "namespaces" && parts.Length - i >= 3 && parts[i + 2] is not ("status" or "finalize"))
        {
            ns = parts[i + 1];
            i += 2;
        }

        var resource = parts[i++];
        var name = i < parts.Length ? parts[i++] : null;
        var sub = i < parts.Length ? parts[i++] : null;
        if (i < parts.Length || resource.Length == 0 || name is { Length: 0 })
            return null;
        return new RequestInfo(group, version, ns, resource, name, sub, legacyWatch);
    }
}
