using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Selectors;

/// <summary>
/// The field labels Kubernetes lets each kind be selected by (metadata.name and metadata.namespace for all, plus a few
/// per kind); anything else is a 400 "field label not supported", as kubectl users know it.
/// </summary>
public static class SupportedFieldSelectors
{
    private static readonly Dictionary<string, string[]> ByResource = new(StringComparer.Ordinal)
    {
        ["pods"] =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
        ],
        ["events"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
        ["secrets"] = ["type"],
        ["nodes"] = ["spec.unschedulable"],
        ["namespaces"] = ["status.phase"],
        ["replicasets.apps"] = ["status.replicas"],
        ["jobs.batch"] = ["status.successful"],
        ["services"] = ["spec.clusterIP", "spec.type"],
        ["persistentvolumeclaims"] = ["spec.storageClassName"],
        ["certificatesigningrequests.certificates.k8s.io"] = ["spec.signerName"],
    };

    public static void Check(ResourceType type, FieldSelector selector)
    {
        foreach (var path in selector.Paths)
        {
            if (path is "metadata.name" or "metadata.namespace")
                continue;
            if (!type.IsCustom && ByResource.TryGetValue(type.GroupResource, out var allowed) && allowed.Contains(path))
                continue;
            throw ApiException.BadRequest($"field label not supported: {path}");
        }
    }
}
