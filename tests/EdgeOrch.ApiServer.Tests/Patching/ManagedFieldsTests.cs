using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class ManagedFieldsTests
{
    private static readonly ResourceType Deployment = BuiltinResources.Types.Single(t => t.Kind == "Deployment");
    private static readonly DateTimeOffset T1 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddHours(1);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject NewDeployment() => Obj("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"u1","labels":{"app":"web"}},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}},
         "status":{"replicas":0}}
        """);

    private static JsonObject EntryOf(JsonObject obj, string manager) =>
        obj["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == manager)!.AsObject();

    [Fact]
    public void Create_records_every_field_with_map_markers()
    {
        var obj = NewDeployment();
        ManagedFields.RecordUpdate(null, obj, "kubectl-create", "Update", null, T1);
        var entry = EntryOf(obj, "kubectl-create");
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.Equal("2025-01-02T03:04:05Z", (string?)entry["time"]);
        Assert.False(entry.ContainsKey("subresource"));
        // Labels are a map (".") while spec and template are structs; name/uid and (with a status subresource) status are not owned.
        Assert.Equal(
            """{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""",
            entry["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Update_moves_changed_fields_to_the_writer_and_drops_removed_ones()
    {
        var v1 = NewDeployment();
        ManagedFields.RecordUpdate(null, v1, "kubectl-create", "Update", null, T1, Deployment);

        var v2 = (JsonObject)v1.DeepClone();
        v2["spec"]!["replicas"] = 3;
        v2["metadata"]!["labels"]!.AsObject().Remove("app");
        v2["metadata"]!["labels"]!["tier"] = "front";
        ManagedFields.RecordUpdate(v1, v2, "kubectl-edit", "Update", null, T2, Deployment);

        Assert.Equal("""{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:replicas":{}}}""", EntryOf(v2, "kubectl-edit")["fieldsV1"]!.ToJsonString(Relaxed));
        string creator = EntryOf(v2, "kubectl-create")["fieldsV1"]!.ToJsonString(Relaxed);
        Assert.DoesNotContain("f:replicas", creator);
        Assert.DoesNotContain("f:app\":{}},\"f:spec\":{\"f:replicas", creator);
        Assert.StartsWith("""{"f:metadata":{"f:labels":{}},""", creator);
        Assert.Equal("2025-01-02T03:04:05Z", (string?)EntryOf(v2, "kubectl-create")["time"]);
        Assert.Equal("2025-01-02T04:04:05Z", (string?)EntryOf(v2, "kubectl-edit")["time"]);
    }

    [Fact]
    public void Update_takes_fields_from_apply_entries_too()
    {
        var applied = ServerSideApply.Apply(null, NewDeployment(), "kubectl", false, Deployment, T1).Object!;
        var scaled = (JsonObject)applied.DeepClone();
        scaled["spec"]!["replicas"] = 4;
        ManagedFields.RecordUpdate(applied, scaled, "kubectl-scale", "Update", "scale", T2, Deployment);
        Assert.DoesNotContain("f:replicas", EntryOf(scaled, "kubectl")["fieldsV1"]!.ToJsonString(Relaxed));
        var scaler = EntryOf(scaled, "kubectl-scale");
        Assert.Equal("scale", (string?)scaler["subresource"]);
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", scaler["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void No_change_adds_no_entry()
    {
        var v1 = NewDeployment();
        ManagedFields.RecordUpdate(null, v1, "kubectl-create", "Update", null, T1, Deployment);
        var v2 = (JsonObject)v1.DeepClone();
        ManagedFields.RecordUpdate(v1, v2, "someone", "Update", null, T2, Deployment);
        Assert.Single(v2["metadata"]!["managedFields"]!.AsArray());
    }

    [Fact]
    public void Status_subresource_writes_own_only_status()
    {
        var v1 = NewDeployment();
        ManagedFields.RecordUpdate(null, v1, "kubectl-create", "Update", null, T1, Deployment);
        var v2 = (JsonObject)v1.DeepClone();
        v2["status"]!["replicas"] = 1;
        v2["status"]!["readyReplicas"] = 1;
        ManagedFields.RecordUpdate(v1, v2, "deployment-controller", "Update", "status", T2, Deployment);
        Assert.Equal("""{"f:status":{"f:readyReplicas":{},"f:replicas":{}}}""", EntryOf(v2, "deployment-controller")["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Client_sent_managed_fields_are_kept_and_a_single_empty_entry_clears_them()
    {
        var v1 = NewDeployment();
        ManagedFields.RecordUpdate(null, v1, "kubectl-create", "Update", null, T1, Deployment);

        var renamed = (JsonObject)v1.DeepClone();
        renamed["metadata"]!["managedFields"]![0]!["manager"] = "kubectl";
        ManagedFields.RecordUpdate(v1, renamed, "kubectl", "Update", null, T2, Deployment);
        Assert.Equal("kubectl", (string?)Assert.Single(renamed["metadata"]!["managedFields"]!.AsArray())!["manager"]);

        var cleared = (JsonObject)v1.DeepClone();
        cleared["metadata"]!["managedFields"] = new JsonArray(new JsonObject());
        ManagedFields.RecordUpdate(v1, cleared, "x", "Update", null, T2, Deployment);
        Assert.False(cleared["metadata"]!.AsObject().ContainsKey("managedFields"));
    }

    [Fact]
    public void Old_update_entries_are_folded_into_ancient_changes()
    {
        var current = NewDeployment();
        ManagedFields.RecordUpdate(null, current, "creator", "Update", null, T1, Deployment);
        for (int i = 0; i < 12; i++)
        {
            var next = (JsonObject)current.DeepClone();
            next["metadata"]!["labels"]!["k" + i] = "v";
            ManagedFields.RecordUpdate(current, next, "writer-" + i, "Update", null, T1.AddMinutes(i + 1), Deployment);
            current = next;
        }

        var entries = current["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(ManagedFields.MaxUpdateManagers, entries.Count);
        Assert.Contains(entries, e => (string?)e!["manager"] == ManagedFields.AncientChangesManager);
        Assert.Contains(entries, e => (string?)e!["manager"] == "writer-11");
        Assert.DoesNotContain(entries, e => (string?)e!["manager"] == "creator");
    }
}
