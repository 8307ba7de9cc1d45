using System.Text.Json.Nodes;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>CustomResourceDefinitions: schema validation, pruning, status subresource, printer columns, deletion.</summary>
[Trait("Category", "E2E")]
public sealed class CustomResourceTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public CustomResourceTests(ServerFixture fixture) => _f = fixture;

    /// <summary>A CRD with its own group (unique per test) so tests never share a kind.</summary>
    private static (string Crd, string Group, string Plural) Definition()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var group = $"t{suffix}.example.com";
        var crd = $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.{{group}}
            spec:
              group: {{group}}
              scope: Namespaced
              names:
                plural: widgets
                singular: widget
                kind: Widget
                shortNames: [wdg{{suffix}}]
              versions:
                - name: v1
                  served: true
                  storage: true
                  subresources:
                    status: {}
                  additionalPrinterColumns:
                    - name: Size
                      type: integer
                      jsonPath: .spec.size
                    - name: Age
                      type: date
                      jsonPath: .metadata.creationTimestamp
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size:
                              type: integer
                              minimum: 1
                            color:
                              type: string
                              enum: [red, green]
                              default: green
                        status:
                          type: object
                          properties:
                            ready:
                              type: boolean
            """;
        return (crd, group, "widgets");
    }

    private static string Widget(string group, string name, string spec) =>
        $"apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: {name}\nspec:\n{spec}";

    private async Task<string> InstallAsync(string crd, string group)
    {
        var applied = await _f.KubectlWithInputAsync(crd, "apply", "-f", "-");
        Assert.True(applied.Succeeded, applied.ToString());
        // Poll rather than `kubectl wait`, so these tests are about CRDs and not about watch behaviour.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string established;
        do
        {
            established = await _f.KubectlOkAsync("get", "crd", $"widgets.{group}",
                "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}");
        }
        while (established.Trim() != "True" && DateTime.UtcNow < deadline && await Pause());
        Assert.Equal("True", established.Trim());
        return await _f.CreateNamespaceAsync("crd");
    }

    /// <summary>kubectl may need a moment (discovery refresh) before a new kind can be applied.</summary>
    private async Task<ProcessResult> ApplyRetryingAsync(string ns, string yaml)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        ProcessResult r;
        do
        {
            r = await _f.KubectlWithInputAsync(yaml, "apply", "-n", ns, "-f", "-");
            if (r.Succeeded || !r.StdErr.Contains("no matches for kind", StringComparison.OrdinalIgnoreCase))
            {
                return r;
            }
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        return r;
    }

    [Fact]
    public async Task SchemaValidationDefaultsAndPrinterColumns()
    {
        var (crd, group, plural) = Definition();
        var ns = await InstallAsync(crd, group);

        var ok = await ApplyRetryingAsync(ns, Widget(group, "good", "  size: 3\n"));
        Assert.True(ok.Succeeded, ok.ToString());
        var w = Json.ParseObject(await _f.KubectlOkAsync("get", $"{plural}.{group}", "good", "-n", ns, "-o", "json"));
        Json.AssertValue(w, "spec.size", "3");

        var tooSmall = await _f.KubectlWithInputAsync(Widget(group, "small", "  size: 0\n"), "apply", "-n", ns, "-f", "-");
        Assert.False(tooSmall.Succeeded, tooSmall.ToString());
        Assert.Contains("is invalid", tooSmall.StdErr);
        Assert.Contains("spec.size", tooSmall.StdErr);

        var wrongType = await _f.KubectlWithInputAsync(Widget(group, "typed", "  size: big\n"), "apply", "-n", ns, "-f", "-");
        Assert.False(wrongType.Succeeded, wrongType.ToString());
        Assert.Contains("spec.size", wrongType.StdErr);

        var badEnum = await _f.KubectlWithInputAsync(Widget(group, "blue", "  size: 2\n  color: blue\n"), "apply", "-n", ns, "-f", "-");
        Assert.False(badEnum.Succeeded, badEnum.ToString());
        Assert.Contains("spec.color", badEnum.StdErr);

        var missing = await _f.KubectlWithInputAsync(Widget(group, "empty", "  color: red\n"), "apply", "-n", ns, "-f", "-");
        Assert.False(missing.Succeeded, missing.ToString());
        Assert.Contains("spec.size", missing.StdErr);

        var table = (await _f.KubectlOkAsync("get", $"{plural}.{group}", "-n", ns)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+SIZE\s+AGE\s*$", table[0]);
        Assert.Matches(@"^good\s+3\s+\d+s\s*$", table[1]);
        Assert.Equal(2, table.Length);

        Json.AssertValue(w, "spec.color", "green"); // the schema's default, filled in by the server
    }

    [Fact]
    public async Task UnknownFieldsAreRejectedOrPruned()
    {
        var (crd, group, plural) = Definition();
        var ns = await InstallAsync(crd, group);
        await ApplyRetryingAsync(ns, Widget(group, "first", "  size: 1\n"));

        // kubectl asks for strict field validation: an unknown field is an error...
        var strict = await _f.KubectlWithInputAsync(Widget(group, "extra", "  size: 1\n  shape: round\n"), "apply", "-n", ns, "-f", "-");
        Assert.False(strict.Succeeded, strict.ToString());
        Assert.Contains("shape", strict.StdErr);

        // ...while a client that does not ask gets it silently pruned.
        var loose = await _f.KubectlWithInputAsync(Widget(group, "pruned", "  size: 1\n  shape: round\n"),
            "apply", "-n", ns, "-f", "-", "--validate=ignore");
        Assert.True(loose.Succeeded, loose.ToString());
        var w = Json.ParseObject(await _f.KubectlOkAsync("get", $"{plural}.{group}", "pruned", "-n", ns, "-o", "json"));
        Assert.Null(Json.At(w, "spec.shape"));
    }

    [Fact]
    public async Task StatusSubresourceAndCrdDeletionRemovesInstances()
    {
        var (crd, group, plural) = Definition();
        var ns = await InstallAsync(crd, group);
        var r = await ApplyRetryingAsync(ns, Widget(group, "w1", "  size: 2\n"));
        Assert.True(r.Succeeded, r.ToString());

        await _f.KubectlOkAsync("patch", $"{plural}.{group}", "w1", "-n", ns, "--subresource=status", "--type=merge", "-p", """{"status":{"ready":true}}""");
        await _f.KubectlOkAsync("patch", $"{plural}.{group}", "w1", "-n", ns, "--type=merge", "-p", """{"status":{"ready":false},"spec":{"size":5}}""");
        var w = Json.ParseObject(await _f.KubectlOkAsync("get", $"{plural}.{group}", "w1", "-n", ns, "-o", "json"));
        Json.AssertValue(w, "status.ready", "true");  // the main resource ignores status
        Json.AssertValue(w, "spec.size", "5");
        Json.AssertValue(w, "metadata.generation", "2");

        var del = await _f.KubectlAsync("delete", "crd", $"widgets.{group}", "--timeout=30s");
        Assert.True(del.Succeeded, del.ToString());
        var raw = await _f.KubectlAsync("get", "--raw", $"/apis/{group}/v1/namespaces/{ns}/{plural}");
        Assert.False(raw.Succeeded, "the kind must no longer be served after its CRD is deleted:\n" + raw);

        // Re-creating the CRD must not resurrect the old instances.
        await InstallAsync(crd, group);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        ProcessResult list;
        do
        {
            list = await _f.KubectlAsync("get", "--raw", $"/apis/{group}/v1/namespaces/{ns}/{plural}");
        }
        while (!list.Succeeded && DateTime.UtcNow < deadline && await Pause());
        Assert.True(list.Succeeded, list.ToString());
        Assert.Empty((JsonArray)Json.ParseObject(list.StdOut)["items"]!);
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(300);
        return true;
    }
}
