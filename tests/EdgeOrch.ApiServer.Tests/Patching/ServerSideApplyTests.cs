using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class ServerSideApplyTests
{
    private static readonly ResourceType Deployment = BuiltinResources.Types.Single(t => t.Kind == "Deployment");
    private static readonly ResourceType ConfigMap = BuiltinResources.Types.Single(t => t.Kind == "ConfigMap");
    private static readonly DateTimeOffset T1 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(5);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Template = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"EXTRA}},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"nginx","image":"IMAGE","ports":[{"containerPort":80}]}]}}}}
        """;

    private static JsonObject Manifest(int replicas = 2, string image = "nginx:1.25", string extraLabel = "") => Obj(Template
        .Replace("EXTRA", extraLabel, StringComparison.Ordinal)
        .Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("IMAGE", image, StringComparison.Ordinal));

    private static JsonObject Created(string manager = "kubectl") =>
        ServerSideApply.Apply(null, Manifest(), manager, false, Deployment, T1).Object!;

    private static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    private static JsonObject EntryOf(JsonObject obj, string manager) =>
        Entries(obj).Single(e => (string?)e!["manager"] == manager)!.AsObject();

    [Fact]
    public void First_apply_owns_the_applied_fields()
    {
        var obj = Created();
        var entry = Assert.Single(Entries(obj))!.AsObject();
        Assert.Equal("kubectl", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.Equal("2025-01-02T03:04:05Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
            entry["fieldsV1"]!.ToJsonString(Relaxed));
        Assert.Equal(2, (int)obj["spec"]!["replicas"]!);
        Assert.Equal("web", (string?)obj["metadata"]!["name"]);
    }

    [Fact]
    public void Second_manager_changing_replicas_conflicts()
    {
        var live = Created();
        var other = Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5}}""");
        var result = ServerSideApply.Apply(live, other, "ops", false, Deployment, T2);
        Assert.False(result.Succeeded);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("kubectl", conflict.Manager);
        Assert.Equal(".spec.replicas", conflict.Field);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", ServerSideApply.FormatConflicts(result.Conflicts));
    }

    [Fact]
    public void Same_value_from_second_manager_is_shared_ownership()
    {
        var live = Created();
        var other = Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}""");
        var result = ServerSideApply.Apply(live, other, "ops", false, Deployment, T2);
        Assert.True(result.Succeeded);
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", EntryOf(result.Object!, "ops")["fieldsV1"]!.ToJsonString(Relaxed));
        Assert.Contains("f:replicas", EntryOf(result.Object!, "kubectl")["fieldsV1"]!.ToJsonString(Relaxed));

        // kubectl drops replicas from its manifest: the value stays because "ops" still owns it.
        var manifest = Manifest();
        manifest["spec"]!.AsObject().Remove("replicas");
        var reapplied = ServerSideApply.Apply(result.Object, manifest, "kubectl", false, Deployment, T2).Object!;
        Assert.Equal(2, (int)reapplied["spec"]!["replicas"]!);
    }

    [Fact]
    public void Force_takes_ownership()
    {
        var live = Created();
        var other = Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5}}""");
        var result = ServerSideApply.Apply(live, other, "ops", true, Deployment, T2);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Conflicts);
        Assert.Equal(5, (int)result.Object!["spec"]!["replicas"]!);
        Assert.DoesNotContain("f:replicas", EntryOf(result.Object!, "kubectl")["fieldsV1"]!.ToJsonString(Relaxed));
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", EntryOf(result.Object!, "ops")["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Fields_dropped_from_the_manifest_are_removed()
    {
        var first = ServerSideApply.Apply(null, Manifest(extraLabel: ",\"tier\":\"front\""), "kubectl", false, Deployment, T1).Object!;
        var withSidecar = Manifest();
        withSidecar["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add((JsonNode)Obj("""{"name":"side","image":"busybox"}"""));
        var second = ServerSideApply.Apply(first, withSidecar, "kubectl", false, Deployment, T2).Object!;
        Assert.Equal(2, second["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);

        var third = ServerSideApply.Apply(second, Manifest(), "kubectl", false, Deployment, T2).Object!;
        Assert.Equal("""{"app":"web"}""", third["metadata"]!["labels"]!.ToJsonString());
        var containers = third["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal("nginx", (string?)Assert.Single(containers)!["name"]);
        Assert.DoesNotContain("side", EntryOf(third, "kubectl")["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Unowned_defaults_survive_a_reapply()
    {
        var live = Created();
        // The server defaulted these; nobody applied them.
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"] = "TCP";
        live["status"] = Obj("""{"replicas":2}""");
        var result = ServerSideApply.Apply(live, Manifest(image: "nginx:1.27"), "kubectl", false, Deployment, T2).Object!;
        var container = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.27", (string?)container["image"]);
        Assert.Equal("IfNotPresent", (string?)container["imagePullPolicy"]);
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"}]""", container["ports"]!.ToJsonString());
        Assert.Equal(2, (int)result["status"]!["replicas"]!);
        Assert.Equal("2025-01-02T03:09:05Z", (string?)EntryOf(result, "kubectl")["time"]);
    }

    [Fact]
    public void Reapplying_an_unchanged_manifest_keeps_the_entry_time()
    {
        var live = Created();
        var again = ServerSideApply.Apply(live, Manifest(), "kubectl", false, Deployment, T2).Object!;
        Assert.Equal("2025-01-02T03:04:05Z", (string?)EntryOf(again, "kubectl")["time"]);
    }

    [Fact]
    public void Server_side_apply_over_client_side_apply_conflicts_with_the_update_manager()
    {
        // kubectl create/apply (client-side) recorded ownership as an Update.
        var created = Manifest(replicas: 3);
        ManagedFields.RecordUpdate(null, created, "kubectl-client-side-apply", "Update", null, T1, Deployment);

        var same = ServerSideApply.Apply(created, Manifest(replicas: 3), "kubectl", false, Deployment, T2);
        Assert.True(same.Succeeded);

        var different = ServerSideApply.Apply(created, Manifest(replicas: 4), "kubectl", false, Deployment, T2);
        Assert.False(different.Succeeded);
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
            ServerSideApply.FormatConflicts(different.Conflicts));
        var cause = Assert.Single(ServerSideApply.ConflictCauses(different.Conflicts))!;
        Assert.Equal("FieldManagerConflict", (string?)cause["type"]);
        Assert.Equal(".spec.replicas", (string?)cause["field"]);
    }

    [Fact]
    public void Edit_then_reapply_conflicts_on_the_edited_image_until_forced()
    {
        var live = Created();
        var edited = (JsonObject)live.DeepClone();
        edited["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:edited";
        ManagedFields.RecordUpdate(live, edited, "kubectl-edit", "Update", null, T2, Deployment);
        Assert.DoesNotContain("f:image", EntryOf(edited, "kubectl")["fieldsV1"]!.ToJsonString(Relaxed));

        var result = ServerSideApply.Apply(edited, Manifest(), "kubectl", false, Deployment, T2);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(".spec.template.spec.containers[name=\"nginx\"].image", conflict.Field);
        Assert.Equal("kubectl-edit", conflict.Manager);

        var forced = ServerSideApply.Apply(edited, Manifest(), "kubectl", true, Deployment, T2).Object!;
        Assert.Equal("nginx:1.25", (string?)forced["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Throws<InvalidOperationException>(() => EntryOf(forced, "kubectl-edit"));
    }

    [Fact]
    public void Many_conflicts_are_grouped_by_manager()
    {
        var conflicts = new[]
        {
            new ApplyConflict("a", ".spec.replicas") { ApiVersion = "apps/v1" },
            new ApplyConflict("a", ".metadata.labels.x") { ApiVersion = "apps/v1" },
            new ApplyConflict("b", ".spec.paused") { Operation = "Apply" },
        };
        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"a\" using apps/v1:\n- .spec.replicas\n- .metadata.labels.x\nconflicts with \"b\":\n- .spec.paused",
            ServerSideApply.FormatConflicts(conflicts));
    }

    [Fact]
    public void Objects_without_managed_fields_are_owned_by_before_first_apply()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""");
        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"9"}}"""),
            "kubectl", false, ConfigMap, T1);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(ServerSideApply.BeforeFirstApplyManager, conflict.Manager);
        Assert.Equal(".data.a", conflict.Field);
    }

    [Fact]
    public void Custom_resources_use_list_types_from_their_schema()
    {
        var schema = Obj("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["id"],"items":{"type":"object"}},
              "tags":{"type":"array","items":{"type":"string"}}}}}}
            """);
        var widget = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true, Schema = schema };
        var first = ServerSideApply.Apply(null, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"id":"a","v":1}],"tags":["x"]}}"""),
            "one", false, widget, T1).Object!;
        var second = ServerSideApply.Apply(first, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"id":"b","v":2}]}}"""),
            "two", false, widget, T1).Object!;
        Assert.Equal(2, second["spec"]!["items"]!.AsArray().Count);
        Assert.Contains("k:{\\\"id\\\":\\\"b\\\"}", EntryOf(second, "two")["fieldsV1"]!.ToJsonString(Relaxed));
        Assert.Contains("\"f:tags\":{}", EntryOf(second, "one")["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Items_without_keys_or_with_duplicate_keys_are_rejected()
    {
        var noName = Manifest();
        noName["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("name");
        var e = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, noName, "kubectl", false, Deployment, T1));
        Assert.Contains(".spec.template.spec.containers: element 0", e.Message);

        var twice = Manifest();
        twice["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add((JsonNode)Obj("""{"name":"nginx","image":"x"}"""));
        e = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, twice, "kubectl", false, Deployment, T1));
        Assert.Contains("duplicate entries for key [name=\"nginx\"]", e.Message);
    }

    [Fact]
    public void Status_in_an_apply_to_the_main_resource_is_ignored()
    {
        var manifest = Manifest();
        manifest["status"] = Obj("""{"replicas":9}""");
        var obj = ServerSideApply.Apply(null, manifest, "kubectl", false, Deployment, T1).Object!;
        Assert.False(obj.ContainsKey("status"));
        Assert.DoesNotContain("f:status", EntryOf(obj, "kubectl")["fieldsV1"]!.ToJsonString());
    }
}
