using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>What every REST operation needs: the objects, the kinds, the clock and the admission chain.</summary>
public sealed class RestContext(ObjectStorage storage, ResourceRegistry registry, TimeProvider time, AdmissionChain admission)
{
    public ObjectStorage Storage { get; } = storage;

    public ResourceRegistry Registry { get; } = registry;

    public TimeProvider Time { get; } = time;

    public AdmissionChain Admission { get; } = admission;

    public ResourceType Namespaces { get; } = registry.Find("", "v1", "namespaces")!;

    public DateTimeOffset Now => Time.GetUtcNow();
}
