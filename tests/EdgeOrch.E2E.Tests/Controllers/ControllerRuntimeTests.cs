using System.Net;
using EdgeOrch.E2E.Tests.Harness;

namespace EdgeOrch.E2E.Tests.Controllers;

/// <summary>The controller runtime runs inside `edgeorch server`: its metrics are on /metrics next to the API's.</summary>
[Trait("Category", "E2E")]
public sealed class ControllerRuntimeTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _f;

    public ControllerRuntimeTests(ServerFixture fixture) => _f = fixture;

    [Fact]
    public async Task ControllerMetricsAreExposed()
    {
        using var http = _f.CreateHttpClient(withToken: true);
        using var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE workqueue_depth gauge\n", body);
        Assert.Contains("# TYPE workqueue_adds_total counter\n", body);
        Assert.Contains("# TYPE controller_reconcile_duration_seconds histogram\n", body);
        Assert.Contains("# TYPE controller_reconcile_errors_total counter\n", body);
        // The API's own metrics are still there.
        Assert.Contains("apiserver_request_total", body);
    }
}
