using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Scheduler;
using Microsoft.Extensions.Logging;

namespace EdgeOrch.Controllers.SimNodes;

/// <summary>
/// The node half of the simulated kubelets: registers the nodes (or takes over existing ones of the same names, reporting
/// them Ready again), creates their Leases, and renews every lease each interval; a node whose Ready condition was turned
/// Unknown by the node lifecycle controller reports Ready again at its next renewal, as a kubelet does.
/// </summary>
public sealed class SimNodeFleet(IApiClient client, ResourceRegistry registry, SimNodeOptions options, TimeProvider time, ILogger logger)
{
    private readonly ResourceType _nodes = registry.Find("", "v1", "nodes")!;
    private readonly ResourceType _leases = registry.Find("coordination.k8s.io", "v1", "leases")!;

    public IReadOnlyList<string> NodeNames { get; } = Enumerable.Range(0, options.Count).Select(options.NodeName).ToList();

    /// <summary>Creates (or refreshes) every node and its lease.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < options.Count; i++)
        {
            var now = time.GetUtcNow();
            var desired = SimNodeObjects.Node(options, i, now);
            JsonObject node;
            try
            {
                node = await client.CreateAsync(_nodes, desired, cancellationToken);
            }
            catch (ApiClientException e) when (e.IsAlreadyExists)
            {
                node = await client.PatchAsync(_nodes, null, options.NodeName(i), PatchType.Merge,
                    new JsonObject { ["status"] = desired["status"]!.DeepClone() }, "status", cancellationToken);
            }
            var lease = SimNodeObjects.Lease(options.NodeName(i), JsonRead.Uid(node), now);
            try
            {
                await client.CreateAsync(_leases, lease, cancellationToken);
            }
            catch (ApiClientException e) when (e.IsAlreadyExists)
            {
                await RenewAsync(options.NodeName(i), cancellationToken);
            }
        }
        logger.LogInformation("registered {Count} simulated nodes ({First} .. {Last})", options.Count, NodeNames[0], NodeNames[^1]);
    }

    /// <summary>One round of heartbeats: every lease renewed; nodes marked not Ready report Ready again.</summary>
    public async Task HeartbeatAsync(Informer? nodeCache, CancellationToken cancellationToken)
    {
        foreach (var name in NodeNames)
        {
            try
            {
                await RenewAsync(name, cancellationToken);
                var node = nodeCache?.Get(null, name) ?? await client.GetAsync(_nodes, null, name, cancellationToken);
                if (node is not null && NodeLifecycle.NodeHealth.ReadyStatus(node) != "True")
                    await client.PatchAsync(_nodes, null, name, PatchType.Merge,
                        new JsonObject { ["status"] = new JsonObject { ["conditions"] = SimNodeObjects.Conditions(time.GetUtcNow()) } },
                        "status", cancellationToken);
            }
            catch (ApiClientException e)
            {
                logger.LogWarning("heartbeat of {Node} failed: {Message}", name, e.Message);
            }
        }
    }

    /// <summary>Renews leases every interval until cancelled.</summary>
    public async Task RunHeartbeatsAsync(Informer? nodeCache, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.LeaseRenewInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await HeartbeatAsync(nodeCache, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private Task RenewAsync(string name, CancellationToken cancellationToken) =>
        client.PatchAsync(_leases, NodeLifecycle.NodeHealth.LeaseNamespace, name, PatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["renewTime"] = SimNodeObjects.MicroTime(time.GetUtcNow()) } },
            null, cancellationToken);
}
