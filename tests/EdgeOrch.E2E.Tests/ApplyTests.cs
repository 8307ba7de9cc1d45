using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>
/// kubectl apply in both flavours. Client-side apply is a three-way merge of the last-applied annotation, the new
/// file and the live object: fields the file drops are removed, fields only someone else set are kept.
/// Server-side apply tracks owners in managedFields and reports conflicts unless --force-conflicts.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ApplyTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ApplyTests(ServerFixture fixture) => _f = fixture;

    private static string Deployment(int replicas, string mode, bool withNote) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        {(withNote ? "  annotations:\n    note: first\n" : "")}spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: app
          template:
            metadata:
              labels:
                app: app
            spec:
              containers:
                - name: main
                  image: busybox:1.36
                  env:
                    - name: MODE
                      value: {mode}
        """;

    private async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(_f.WorkDir, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<JsonObject> GetAsync(string ns, string what) =>
        Json.ParseObject(await _f.KubectlOkAsync("get", what, "-n", ns, "-o", "json", "--show-managed-fields"));

    [Fact]
    public async Task ClientSideApplyThreeWayMergeThenServerSideApply()
    {
        var ns = await _f.CreateNamespaceAsync("apply");
        var v1 = await WriteAsync(Deployment(2, "one", withNote: true));
        Assert.Equal("deployment.apps/app created", (await _f.KubectlOkAsync("apply", "-n", ns, "-f", v1)).Trim());
        Assert.Equal("deployment.apps/app unchanged", (await _f.KubectlOkAsync("apply", "-n", ns, "-f", v1)).Trim());

        // Someone else changes the object: replicas (a field of the file) and two fields the file never set.
        await _f.KubectlOkAsync("scale", "deploy/app", "-n", ns, "--replicas=5");
        await _f.KubectlOkAsync("label", "deploy/app", "-n", ns, "owner=ops");
        await _f.KubectlOkAsync("patch", "deploy/app", "-n", ns, "--type=merge", "-p", """{"spec":{"minReadySeconds":7}}""");

        var v2 = await WriteAsync(Deployment(3, "two", withNote: false));
        Assert.Equal("deployment.apps/app configured", (await _f.KubectlOkAsync("apply", "-n", ns, "-f", v2)).Trim());
        var d = await GetAsync(ns, "deploy/app");
        Json.AssertValue(d, "spec.replicas", "3");                                    // the file's new value wins
        Json.AssertValue(d, "spec.template.spec.containers[0].env[0].value", "two");
        Json.AssertValue(d, "spec.minReadySeconds", "7");                             // not in last-applied: kept
        Json.AssertValue(d, "metadata.labels.owner", "ops");                          // not in last-applied: kept
        var annotations = Json.At(d, "metadata.annotations") as JsonObject;
        Assert.Null(annotations?["note"]);                                            // dropped from the file: removed
        var lastApplied = annotations?["kubectl.kubernetes.io/last-applied-configuration"]?.ToString();
        Assert.NotNull(lastApplied);
        Json.AssertValue(Json.ParseObject(lastApplied!), "spec.replicas", "3");

        // Server-side apply takes over; --force-conflicts resolves the fields other managers own.
        var v3 = await WriteAsync(Deployment(4, "three", withNote: false));
        var ssa = await _f.KubectlAsync("apply", "--server-side", "--force-conflicts", "-n", ns, "-f", v3);
        Assert.True(ssa.Succeeded, ssa.ToString());
        Assert.Equal("deployment.apps/app serverside-applied", ssa.StdOut.Trim());
        d = await GetAsync(ns, "deploy/app");
        Json.AssertValue(d, "spec.replicas", "4");
        Json.AssertValue(d, "spec.template.spec.containers[0].env[0].value", "three");
        Json.AssertValue(d, "spec.minReadySeconds", "7");
        var managedFields = Json.At(d, "metadata.managedFields") as JsonArray;
        Assert.True(managedFields is not null, "metadata.managedFields missing after server-side apply: " + d.ToJsonString());
        var managers = managedFields.Select(m => (Json.Str(m, "manager"), Json.Str(m, "operation"))).ToList();
        Assert.Contains(("kubectl", "Apply"), managers);
    }

    [Fact]
    public async Task ServerSideApplyConflictIsReportedUnlessForced()
    {
        var ns = await _f.CreateNamespaceAsync("ssa");
        var alice = await WriteAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: shared
            data:
              key: "1"
              other: x
            """);
        var r = await _f.KubectlAsync("apply", "--server-side", "--field-manager=alice", "-n", ns, "-f", alice);
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("configmap/shared serverside-applied", r.StdOut.Trim());

        var bob = await WriteAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: shared
            data:
              key: "2"
            """);
        var conflict = await _f.KubectlAsync("apply", "--server-side", "--field-manager=bob", "-n", ns, "-f", bob);
        Assert.False(conflict.Succeeded, "a conflicting apply must fail:\n" + conflict);
        Assert.True(conflict.StdErr.Contains("conflict", StringComparison.OrdinalIgnoreCase)
                    && conflict.StdErr.Contains("conflict with \"alice\"") && conflict.StdErr.Contains(".data.key"),
            "the conflict must name the owner (alice) and the field (.data.key):\n" + conflict);
        Json.AssertValue(await GetAsync(ns, "cm/shared"), "data.key", "1");

        var forced = await _f.KubectlAsync("apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-n", ns, "-f", bob);
        Assert.True(forced.Succeeded, forced.ToString());
        var cm = await GetAsync(ns, "cm/shared");
        Json.AssertValue(cm, "data.key", "2");
        Json.AssertValue(cm, "data.other", "x");
        var managedFields = Json.At(cm, "metadata.managedFields") as JsonArray;
        Assert.True(managedFields is not null, "metadata.managedFields missing: " + cm.ToJsonString());
        var aliceEntry = managedFields.FirstOrDefault(m => Json.Str(m, "manager") == "alice");
        Assert.True(aliceEntry is not null, "alice has no managedFields entry: " + cm.ToJsonString());
        Assert.Null(Json.At(aliceEntry, "fieldsV1")?["f:data"]?["f:key"]); // ownership moved to bob
        Assert.NotNull(Json.At(aliceEntry, "fieldsV1")?["f:data"]?["f:other"]);

        // A manager that stops applying a field it alone owned removes it.
        var aliceAgain = await WriteAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: shared
            data: {}
            """);
        await _f.KubectlOkAsync("apply", "--server-side", "--field-manager=alice", "-n", ns, "-f", aliceAgain);
        cm = await GetAsync(ns, "cm/shared");
        Assert.Null(Json.At(cm, "data.other"));
        Json.AssertValue(cm, "data.key", "2");
    }
}
