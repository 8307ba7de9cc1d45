using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Admission;

public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>One write on its way to the store. <see cref="Object"/> may be changed by mutating plugins.</summary>
public sealed record AdmissionRequest(ResourceType Type, AdmissionOperation Operation, JsonObject Object, JsonObject? OldObject, string? Subresource);

/// <summary>
/// A step every write passes through after defaulting and before validation (like Kubernetes' mutating admission),
/// and is told about after commit (for in-memory state such as allocated IPs or served CRD kinds).
/// </summary>
public interface IAdmissionPlugin
{
    /// <summary>True when this plugin cares about the kind; saves a call per write for the others.</summary>
    bool Handles(ResourceType type);

    ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken);

    void Committed(AdmissionRequest request);
}

/// <summary>The ordered set of admission plugins.</summary>
public sealed class AdmissionChain(IEnumerable<IAdmissionPlugin> plugins)
{
    private readonly IAdmissionPlugin[] _plugins = plugins.ToArray();

    public async ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var plugin in _plugins)
            if (plugin.Handles(request.Type))
                await plugin.MutateAsync(request, cancellationToken);
    }

    public void Committed(AdmissionRequest request)
    {
        foreach (var plugin in _plugins)
            if (plugin.Handles(request.Type))
                plugin.Committed(request);
    }
}
