using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Patching;

namespace EdgeOrch.ApiServer.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private static readonly ResourceType Pod = BuiltinResources.Types.Single(t => t.Kind == "Pod");
    private static readonly ResourceType Deployment = BuiltinResources.Types.Single(t => t.Kind == "Deployment");
    private static readonly ResourceType Service = BuiltinResources.Types.Single(t => t.Kind == "Service");
    private static readonly ResourceType CronJob = BuiltinResources.Types.Single(t => t.Kind == "CronJob");

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Apply(string original, string patch, ResourceType type) =>
        StrategicMergePatch.Apply(Obj(original), Obj(patch), type);

    private const string TwoContainers = """
        {"spec":{"containers":[
          {"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
           "ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]},
          {"name":"side","image":"busybox","command":["sleep","1"]}],
         "volumes":[{"name":"data","emptyDir":{}}],
         "tolerations":[{"key":"a","operator":"Exists"}]}}
        """;

    [Fact]
    public void Containers_merge_by_name()
    {
        var result = Apply(TwoContainers, """{"spec":{"containers":[{"name":"side","image":"busybox:2"}]}}""", Pod);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:1", (string?)containers[0]!["image"]);
        Assert.Equal("busybox:2", (string?)containers[1]!["image"]);
        Assert.Equal("[\"sleep\",\"1\"]", containers[1]!["command"]!.ToJsonString());
    }

    [Fact]
    public void New_container_is_appended_and_env_merges_by_name()
    {
        var result = Apply(TwoContainers, """
            {"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"two"},{"name":"C","value":"3"}]},{"name":"third","image":"x"}]}}
            """, Pod);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web", "side", "third"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"two"},{"name":"C","value":"3"}]""",
            containers[0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Ports_merge_by_container_port_and_volume_mounts_by_path()
    {
        var result = Apply(TwoContainers, """
            {"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}],
              "volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}
            """, Pod);
        var web = result["spec"]!["containers"]![0]!;
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":443}]""", web["ports"]!.ToJsonString());
        Assert.Equal("""[{"name":"data","mountPath":"/data","readOnly":true}]""", web["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void Delete_directive_removes_list_items_and_maps()
    {
        var result = Apply(TwoContainers, """
            {"spec":{"containers":[{"name":"side","$patch":"delete"},{"name":"web","env":[{"name":"A","$patch":"delete"}]}],
              "volumes":[{"name":"data","$patch":"delete"}]}}
            """, Pod);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.Equal("""[{"name":"B","value":"2"}]""", containers[0]!["env"]!.ToJsonString());
        Assert.Empty(result["spec"]!["volumes"]!.AsArray());

        var noSpec = Apply(TwoContainers, """{"spec":{"$patch":"delete"}}""", Pod);
        Assert.False(noSpec.ContainsKey("spec"));
    }

    [Fact]
    public void Replace_directive_in_list_and_map()
    {
        var result = Apply(TwoContainers, """{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}""", Pod);
        Assert.Equal("""[{"name":"only","image":"x"}]""", result["spec"]!["containers"]!.ToJsonString());

        var map = Apply("""{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"c":"3","$patch":"replace"}}}""", Pod);
        Assert.Equal("""{"c":"3"}""", map["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_merge_key_are_replaced()
    {
        var result = Apply(TwoContainers, """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}],"containers":[{"name":"side","command":["true"]}]}}""", Pod);
        Assert.Equal("""[{"key":"b","operator":"Exists"}]""", result["spec"]!["tolerations"]!.ToJsonString());
        Assert.Equal("""["true"]""", result["spec"]!["containers"]![1]!["command"]!.ToJsonString());
    }

    [Fact]
    public void Null_deletes_a_key()
    {
        var result = Apply(TwoContainers, """{"spec":{"containers":[{"name":"side","command":null}]}}""", Pod);
        Assert.False(result["spec"]!["containers"]![1]!.AsObject().ContainsKey("command"));
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list()
    {
        var original = """{"metadata":{"finalizers":["a","b"]}}""";
        Assert.Equal("""["a","b","c"]""", Apply(original, """{"metadata":{"finalizers":["b","c"]}}""", Pod)["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""["b"]""", Apply(original, """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""", Pod)["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Set_element_order_reorders_merged_list()
    {
        var result = Apply(TwoContainers, """{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"web","image":"nginx:2"}]}}""", Pod);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(["side", "web"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("nginx:2", (string?)containers[1]!["image"]);
    }

    [Fact]
    public void Retain_keys_drops_fields_of_the_old_volume_source()
    {
        var result = Apply(TwoContainers, """{"spec":{"volumes":[{"name":"data","$retainKeys":["hostPath","name"],"hostPath":{"path":"/srv"}}]}}""", Pod);
        Assert.Equal("""[{"name":"data","hostPath":{"path":"/srv"}}]""", result["spec"]!["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Service_ports_merge_by_port()
    {
        var result = Apply("""{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""", """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""", Service);
        Assert.Equal("""[{"port":80,"targetPort":9090},{"port":443}]""", result["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void CronJob_pod_template_path_is_known()
    {
        var result = Apply("""{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}}}}""",
            """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}}}}""", CronJob);
        Assert.Equal(2, result["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);
    }

    [Fact]
    public void Missing_merge_key_is_an_error()
    {
        Assert.Throws<PatchException>(() => Apply(TwoContainers, """{"spec":{"containers":[{"image":"x"}]}}""", Pod));
        Assert.Throws<PatchException>(() => Apply(TwoContainers, """{"spec":{"$patch":"bogus"}}""", Pod));
    }

    [Fact]
    public void Kubectl_apply_three_way_patch_on_a_deployment()
    {
        // Live object: created by kubectl apply, then scaled and given a sidecar label by someone else.
        const string live = """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web","team":"a"},
               "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","deployment.kubernetes.io/revision":"1"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
               "template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","imagePullPolicy":"IfNotPresent",
                   "ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE","value":"a"},{"name":"OLD","value":"x"}]}],
                   "restartPolicy":"Always"}}},
             "status":{"replicas":3}}
            """;
        // What kubectl apply sends after the manifest changed the image, dropped env OLD and label team, and switched to Recreate.
        const string patch = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":true}"},"labels":{"team":null}},
             "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
               "template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                 "containers":[{"$setElementOrder/env":[{"name":"MODE"}],"env":[{"$patch":"delete","name":"OLD"}],"image":"nginx:1.27","name":"nginx"}]}}}}
            """;
        var result = Apply(live, patch, Deployment);

        Assert.Equal("""{"app":"web"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("{\"new\":true}", (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("1", (string?)result["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]);
        Assert.Equal(3, (int)result["spec"]!["replicas"]!);
        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
        var container = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.27", (string?)container["image"]);
        Assert.Equal("IfNotPresent", (string?)container["imagePullPolicy"]);
        Assert.Equal("""[{"name":"MODE","value":"a"}]""", container["env"]!.ToJsonString());
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"}]""", container["ports"]!.ToJsonString());
        Assert.Equal(3, (int)result["status"]!["replicas"]!);
    }

    [Fact]
    public void Custom_resources_use_json_merge_semantics()
    {
        var crType = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true };
        Assert.False(StrategicMergePatch.SupportsStrategicMerge(crType));
        Assert.True(StrategicMergePatch.SupportsStrategicMerge(Pod));
        var result = Apply("""{"spec":{"items":[{"name":"a"}],"x":1}}""", """{"spec":{"items":[{"name":"b"}]}}""", crType);
        Assert.Equal("""{"items":[{"name":"b"}],"x":1}""", result["spec"]!.ToJsonString());
    }

    [Fact]
    public void Original_is_not_modified()
    {
        var original = Obj(TwoContainers);
        StrategicMergePatch.Apply(original, Obj("""{"spec":{"containers":[{"name":"web","image":"changed"}]}}"""), Pod);
        Assert.Equal("nginx:1", (string?)original["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void Replace_directive_on_one_item_replaces_only_that_item()
    {
        var result = Apply(TwoContainers, """{"spec":{"containers":[{"name":"web","image":"new","$patch":"replace"}]}}""", Pod);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("""{"name":"web","image":"new"}""", containers[0]!.ToJsonString());
    }
}
