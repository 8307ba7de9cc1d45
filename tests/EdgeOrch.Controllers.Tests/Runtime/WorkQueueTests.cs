using EdgeOrch.Controllers.Runtime;
using EdgeOrch.Controllers.Tests.Fakes;

namespace EdgeOrch.Controllers.Tests.Runtime;

public class WorkQueueTests
{
    private static async Task<string?> NextAsync(WorkQueue q) => await q.GetAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);

    [Fact]
    public async Task AddsOfAWaitingKeyAreDeduplicated()
    {
        using var q = new WorkQueue("t");
        q.Add("a");
        q.Add("b");
        q.Add("a");
        Assert.Equal(2, q.Count);
        Assert.Equal("a", await NextAsync(q));
        Assert.Equal("b", await NextAsync(q));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task KeyReAddedWhileProcessingIsProcessedOnceMoreAfterDone()
    {
        using var q = new WorkQueue("t");
        q.Add("a");
        var key = await NextAsync(q);
        q.Add("a");
        q.Add("a");
        Assert.Equal(0, q.Count); // not handed to a second worker while in process
        Assert.False(q.IsIdle);
        q.Done(key!);
        Assert.Equal(1, q.Count);
        Assert.Equal("a", await NextAsync(q));
        q.Done("a");
        Assert.True(q.IsIdle);
    }

    [Fact]
    public async Task GetWaitsForAnAdd()
    {
        using var q = new WorkQueue("t");
        var next = q.GetAsync().AsTask();
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        q.Add("x");
        Assert.Equal("x", await next.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AddAfterFiresWhenTheClockReachesTheDelayAndKeepsTheEarliest()
    {
        var clock = new ManualTimeProvider();
        using var q = new WorkQueue("t", clock);
        q.AddAfter("a", TimeSpan.FromSeconds(10));
        q.AddAfter("a", TimeSpan.FromSeconds(3));
        q.AddAfter("a", TimeSpan.FromSeconds(20));
        Assert.Equal(1, q.DelayedCount);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, q.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.Count);
        Assert.Equal(0, q.DelayedCount);
        Assert.Equal("a", await NextAsync(q));
        q.Done("a");
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, q.Count); // the replaced timers do not fire again
    }

    [Fact]
    public void BackoffDoublesFrom5msAndCapsAt1000s()
    {
        var b = new ItemBackoff();
        Assert.Equal(TimeSpan.FromMilliseconds(5), b.When("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), b.When("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), b.When("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), b.When("other"));
        for (var i = 0; i < 40; i++)
            b.When("k");
        Assert.Equal(TimeSpan.FromSeconds(1000), b.When("k"));
        b.Forget("k");
        Assert.Equal(TimeSpan.FromMilliseconds(5), b.When("k"));
    }

    [Fact]
    public void RateLimitedAddsWaitLongerEachTime()
    {
        var clock = new ManualTimeProvider();
        using var q = new WorkQueue("t", clock);
        q.AddRateLimited("a");
        clock.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, q.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, q.Count);
        Assert.Equal(1, q.Backoff.Failures("a"));
        q.AddRateLimited("b");
        q.AddRateLimited("b");
        Assert.Equal(2, q.Backoff.Failures("b"));
    }

    [Fact]
    public async Task ShutDownReleasesWaitingWorkers()
    {
        using var q = new WorkQueue("t");
        var w1 = q.GetAsync().AsTask();
        var w2 = q.GetAsync().AsTask();
        q.ShutDown();
        Assert.Null(await w1.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await w2.WaitAsync(TimeSpan.FromSeconds(5)));
        q.Add("late");
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void MetricsCountAddsAndDepth()
    {
        var metrics = new ControllerMetrics();
        using var q = new WorkQueue("deployment", metrics: metrics);
        q.Add("a");
        q.Add("a");
        q.Add("b");
        Assert.Equal(2, metrics.Adds("deployment"));
        var text = metrics.Render();
        Assert.Contains("workqueue_depth{name=\"deployment\"} 2\n", text);
        Assert.Contains("workqueue_adds_total{name=\"deployment\"} 2\n", text);
    }
}
