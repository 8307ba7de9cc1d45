using System.Diagnostics;
using EdgeOrch.Controllers.Tests.ReplicaSet;
using static EdgeOrch.Controllers.Tests.Deployment.DeploymentKit;

namespace EdgeOrch.Controllers.Tests.Deployment;

public class ScaleSanityTests
{
    /// <summary>Guards against accidental quadratic work: a 1,000-replica Deployment and its rolling update stay quick.</summary>
    [Fact]
    public async Task ThousandReplicasComeUpAndRollQuickly()
    {
        var h = new WorkloadHarness();
        var watch = Stopwatch.StartNew();
        await CreateAsync(h, "big", 1000, "app:v1", Rolling("25%", "25%"));
        await h.RunAsync();
        Assert.Equal(1000, h.ActivePods().Count);
        var created = watch.Elapsed;

        foreach (var pod in h.ActivePods()) await h.SetReadyAsync(pod);
        await h.RunAsync();
        await SetImageAsync(h, "big", "app:v2");
        for (var round = 0; round < 20; round++)
        {
            await h.RunAsync();
            var waiting = h.ActivePods().Where(p => !EdgeOrch.Controllers.ReplicaSet.PodState.IsReady(p)).ToList();
            if (waiting.Count == 0) break;
            foreach (var pod in waiting) await h.SetReadyAsync(pod);
        }
        Assert.All(h.ActivePods(), p => Assert.Equal("app:v2", Image(p)));
        Assert.Equal(1000, h.ActivePods().Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed} (create {created})");
    }
}
