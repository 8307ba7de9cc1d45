using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Endpoints;

/// <summary>
/// Feeds a Service-keyed queue from the Service, Pod and managed-object informers: a pod change queues the Services of its
/// namespace that select it (before or after the change), and only when a field that endpoints depend on changed.
/// </summary>
internal static class ServicePodEvents
{
    public static void Wire(Informer services, Informer pods, IWorkQueue queue)
    {
        services.Changed += e => queue.Add(Key(e.New));
        pods.Changed += e =>
        {
            if (e.Type == InformerEventType.Updated && e.Old is not null && PodEndpoint.Fingerprint(e.Old) == PodEndpoint.Fingerprint(e.New))
                return;
            var ns = Json.Namespace(e.New);
            foreach (var service in services.List(ns))
            {
                if (ServiceSelection.Selector(service) is not { } selector)
                    continue;
                if (ServiceSelection.Selects(selector, e.New.Obj("metadata").Obj("labels"))
                    || (e.Old is not null && ServiceSelection.Selects(selector, e.Old.Obj("metadata").Obj("labels"))))
                    queue.Add(Key(service));
            }
        };
    }

    public static string Key(JsonObject obj) => $"{Json.Namespace(obj)}/{Json.Name(obj)}";

    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
