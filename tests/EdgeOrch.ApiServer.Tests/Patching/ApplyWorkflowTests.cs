using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Serialization;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

/// <summary>The sequence a kubectl user goes through: apply --server-side of YAML, edit, re-apply, scale.</summary>
public sealed class ApplyWorkflowTests
{
    private static readonly ResourceType Service = BuiltinResources.Types.Single(t => t.Kind == "Service");
    private static readonly ResourceType Deployment = BuiltinResources.Types.Single(t => t.Kind == "Deployment");
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string ServiceYaml = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels: {app: web}
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 8080
        """;

    [Fact]
    public void Service_apply_keys_ports_by_port_and_protocol_and_owns_selector_atomically()
    {
        var applied = YamlJson.Parse(ServiceYaml)!.AsObject();
        var obj = ServerSideApply.Apply(null, applied, "kubectl", false, Service, Now).Object!;
        string fields = obj["metadata"]!["managedFields"]![0]!["fieldsV1"]!.ToJsonString();
        Assert.Contains("k:{\\u0022port\\u0022:80,\\u0022protocol\\u0022:\\u0022TCP\\u0022}", fields);
        Assert.Contains("\"f:selector\":{}", fields);

        // Someone else adds a second port with a strategic merge patch; a re-apply of the manifest keeps it.
        var patched = StrategicMergePatch.Apply(obj, JsonNode.Parse("""{"spec":{"ports":[{"name":"https","port":443,"targetPort":8443}]}}""")!.AsObject(), Service);
        ManagedFields.RecordUpdate(obj, patched, "kubectl-patch", ManagedFields.OperationUpdate, null, Now.AddMinutes(1), Service);
        var reapplied = ServerSideApply.Apply(patched, YamlJson.Parse(ServiceYaml)!.AsObject(), "kubectl", false, Service, Now.AddMinutes(2));
        Assert.True(reapplied.Succeeded);
        Assert.Equal(2, reapplied.Object!["spec"]!["ports"]!.AsArray().Count);
    }

    [Fact]
    public void Scale_then_reapply_conflicts_with_the_scaler()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: nginx}
            """;
        var created = ServerSideApply.Apply(null, YamlJson.Parse(yaml)!.AsObject(), "kubectl", false, Deployment, Now).Object!;
        var scaled = (JsonObject)created.DeepClone();
        scaled["spec"]!["replicas"] = 5;
        ManagedFields.RecordUpdate(created, scaled, "kubectl", ManagedFields.OperationUpdate, "scale", Now.AddMinutes(1), Deployment);

        var result = ServerSideApply.Apply(scaled, YamlJson.Parse(yaml)!.AsObject(), "kubectl", false, Deployment, Now.AddMinutes(2));
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas",
            ServerSideApply.FormatConflicts(result.Conflicts));

        // Dropping replicas from the manifest hands the field to the scaler without a conflict.
        var withoutReplicas = YamlJson.Parse(yaml)!.AsObject();
        withoutReplicas["spec"]!.AsObject().Remove("replicas");
        var ok = ServerSideApply.Apply(scaled, withoutReplicas, "kubectl", false, Deployment, Now.AddMinutes(3));
        Assert.True(ok.Succeeded);
        Assert.Equal(5, (int)ok.Object!["spec"]!["replicas"]!);
    }
}
