using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.ServiceAccount;

/// <summary>
/// The "kube-root-ca.crt" ConfigMap in every active namespace, holding the cluster CA (PEM) under "ca.crt", as Kubernetes'
/// root-ca-cert-publisher keeps it, so pods can verify the API server. Recreated when deleted, corrected when edited.
/// The CA is the server's: the host passes it in (it is not part of <see cref="ControllerContext"/>).
/// ConfigMaps are followed through the metadata-only informer (only one name matters, and holding every ConfigMap's data for
/// it would cost the server as much memory as the ConfigMaps themselves); the one ConfigMap is read from the API when it exists.
/// </summary>
public sealed class RootCaPublisherController(ControllerContext context, string caCertificatePem) : IController
{
    public const string ConfigMapName = "kube-root-ca.crt";
    public const string DataKey = "ca.crt";
    private const string DescriptionAnnotation = "kubernetes.io/description";
    private const string Description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    private readonly ResourceType _namespaceType = context.Type("", "v1", "namespaces");
    private readonly ResourceType _configMapType = context.Type("", "v1", "configmaps");
    private Informer? _namespaces;
    private Informer? _configMaps;

    public string Name => "root-ca-cert-publisher";

    public void Watch(ControllerContext context, IWorkQueue queue)
    {
        _namespaces = context.Informers.For(_namespaceType);
        _configMaps = context.Informers.ForMetadata(_configMapType);
        _namespaces.Changed += e =>
        {
            if (e.Type != InformerEventType.Deleted)
                queue.Add((string)e.New["metadata"]!["name"]!);
        };
        _configMaps.Changed += e =>
        {
            if ((string?)e.New["metadata"]?["name"] == ConfigMapName)
                queue.Add((string)e.New["metadata"]!["namespace"]!);
        };
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (!NamespaceState.IsActive(_namespaces!.Get(null, key)))
            return ReconcileResult.Done;
        try
        {
            // The cache says whether it exists (no API call per namespace otherwise); its data comes from the API.
            var existing = _configMaps!.Get(key, ConfigMapName) is null
                ? null
                : await context.Client.GetAsync(_configMapType, key, ConfigMapName, cancellationToken);
            if (existing is null)
            {
                await context.Client.CreateAsync(_configMapType, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = ConfigMapName,
                        ["namespace"] = key,
                        ["annotations"] = new JsonObject { [DescriptionAnnotation] = Description },
                    },
                    ["data"] = new JsonObject { [DataKey] = caCertificatePem },
                }, cancellationToken);
            }
            else if ((string?)existing["data"]?[DataKey] != caCertificatePem || existing["data"]!.AsObject().Count != 1)
            {
                var updated = (JsonObject)existing.DeepClone();
                updated["data"] = new JsonObject { [DataKey] = caCertificatePem };
                await context.Client.UpdateAsync(_configMapType, updated, cancellationToken);
            }
        }
        catch (ApiClientException e) when (e.IsAlreadyExists || e.Code == 403 || e.IsNotFound)
        {
        }
        return ReconcileResult.Done;
    }
}
