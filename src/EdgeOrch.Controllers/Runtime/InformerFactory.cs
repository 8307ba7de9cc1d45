using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Controllers.Runtime;

/// <summary>One shared <see cref="Informer"/> per kind; started together by the controller host.
/// CONTRACT ONLY: bodies are filled in by the runtime work.</summary>
public sealed class InformerFactory(IApiClient client)
{
    public IApiClient Client { get; } = client;

    public Informer For(ResourceType type) => throw new NotImplementedException();
}
