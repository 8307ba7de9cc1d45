using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.Controllers.GarbageCollector;

/// <summary>Read-modify-write of metadata the collector owns (finalizers, ownerReferences), on a fresh read, retried on conflict.</summary>
internal static class FreshUpdate
{
    private const int Attempts = 4;

    /// <summary>Applies <paramref name="mutate"/> (false = nothing to change) to the object with <paramref name="uid"/>; a missing
    /// object or one replaced by a new uid is left alone.</summary>
    public static async Task ApplyAsync(IApiClient client, ResourceType type, string? ns, string name, string uid,
        Func<JsonObject, bool> mutate, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(type, ns, name, ct);
            if (current is null || ObjectFacts.Uid(current) != uid || !mutate(current))
                return;
            try
            {
                await client.UpdateAsync(type, current, ct);
                return;
            }
            catch (ApiClientException e) when (e.IsNotFound)
            {
                return;
            }
            catch (ApiClientException e) when (e.IsConflict && attempt < Attempts)
            {
            }
        }
    }
}
