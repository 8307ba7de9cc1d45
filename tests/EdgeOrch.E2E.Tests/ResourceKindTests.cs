using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests;

/// <summary>Each built-in kind round-trips through kubectl: apply, get (JSON and table), defaults, delete.</summary>
[Trait("Category", "E2E")]
public sealed class ResourceKindTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ResourceKindTests(ServerFixture fixture) => _f = fixture;

    public static TheoryData<string> Resources()
    {
        var data = new TheoryData<string>();
        foreach (var c in ResourceKindCases.All)
        {
            data.Add(c.Resource);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ApplyGetDelete(string resource)
    {
        var c = ResourceKindCases.All.Single(x => x.Resource == resource);
        var name = "k-" + Guid.NewGuid().ToString("N")[..8];
        var ns = c.Namespaced ? await _f.CreateNamespaceAsync("kind") : null;
        string[] Scope(params string[] args) => ns is null ? args : [.. args, "-n", ns];
        var yaml = c.Yaml.Replace("NAME", name);

        var applied = await _f.KubectlWithInputAsync(yaml, Scope("apply", "-f", "-"));
        Assert.True(applied.Succeeded, $"apply failed:\n{applied}\n{_f.Server.DescribeOutput(30)}");
        Assert.EndsWith($"/{name} created", applied.StdOut.Trim());

        var obj = Json.ParseObject(await _f.KubectlOkAsync(Scope("get", resource, name, "-o", "json")));
        Json.AssertValue(obj, "metadata.name", name);
        if (ns is not null)
        {
            Json.AssertValue(obj, "metadata.namespace", ns);
        }
        Assert.False(string.IsNullOrEmpty(Json.Str(obj, "metadata.uid")), obj.ToJsonString());
        foreach (var (path, value) in c.Defaults)
        {
            Json.AssertValue(obj, path, value);
        }

        var table = await _f.KubectlOkAsync(Scope("get", resource));
        if (resource == "events")
        {
            // kubectl's event table has no NAME column: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
            Assert.Matches(@"(?m)^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\s*$", table);
            Assert.Matches(@"(?m)\sNormal\s+Testing\s+pod/some-pod\s+an event made by a test\s*$", table);
        }
        else
        {
            Assert.Matches(@"(?m)^NAME\s", table);
            Assert.Matches($@"(?m)^{name}\s", table);
        }

        var deleted = await _f.KubectlAsync(Scope("delete", resource, name));
        Assert.True(deleted.Succeeded, deleted.ToString());
        var gone = await _f.KubectlAsync(Scope("get", resource, name));
        Assert.False(gone.Succeeded, $"{resource}/{name} still there after delete:\n{gone}");
        Assert.Contains("NotFound", gone.StdErr);
    }
}
