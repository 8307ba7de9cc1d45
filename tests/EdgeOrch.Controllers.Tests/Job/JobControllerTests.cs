using System.Text.Json.Nodes;
using EdgeOrch.Controllers.Job;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Workloads.Fixtures;

namespace EdgeOrch.Controllers.Tests.Job;

public sealed class JobControllerTests : IAsyncLifetime
{
    private readonly ControllerHarness _h = new(ctx => new JobController(ctx));

    private EdgeOrch.Api.Resources.ResourceType Jobs => _h.Type("batch", "v1", "jobs");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task StartAsync(string specFields)
    {
        Seed(_h, Jobs, $$$"""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default"},
             "spec":{{{{specFields}}}"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl"}]} } } }
            """);
        await _h.StartAsync();
        await _h.SettleAsync();
    }

    private JsonObject Status() => _h.Client.Peek(Jobs, "default", "pi")!["status"]!.AsObject();

    private static JsonNode? Condition(JsonObject status, string type) =>
        status["conditions"]?.AsArray().FirstOrDefault(c => Str(c!["type"]) == type);

    private List<JsonObject> Running() => Pods(_h).Where(p => Str(p["status"]?["phase"]) is null or "Running").ToList();

    [Fact]
    public async Task RetriesWithBackOffUntilTheBackoffLimitThenFails()
    {
        await StartAsync("\"backoffLimit\":2,");
        var first = Assert.Single(Pods(_h));
        Assert.Matches("^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$", Name(first));
        Assert.Equal("pi", Label(first, "batch.kubernetes.io/job-name"));
        Assert.NotNull(Label(first, "batch.kubernetes.io/controller-uid"));
        Assert.Equal("Job", Str(first["metadata"]!["ownerReferences"]![0]!["kind"]));

        await SetPodStatusAsync(_h, "default", Name(first), "Failed", ready: false);
        Assert.Single(Pods(_h)); // 10 s back-off before the retry
        Assert.Equal(1, Int(Status()["failed"]));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.Single(Pods(_h));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, Pods(_h).Count);

        await SetPodStatusAsync(_h, "default", Name(Running().Single()), "Failed", ready: false);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(19));
        Assert.Equal(2, Pods(_h).Count); // second back-off: 20 s
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(3, Pods(_h).Count);

        await SetPodStatusAsync(_h, "default", Name(Running().Single()), "Failed", ready: false);
        var status = Status();
        Assert.Equal(3, Int(status["failed"]));
        Assert.Null(status["active"]);
        Assert.Equal("True", Str(Condition(status, "Failed")!["status"]));
        Assert.Equal("BackoffLimitExceeded", Str(Condition(status, "Failed")!["reason"]));
        Assert.Equal("Job has reached the specified backoff limit", Str(Condition(status, "Failed")!["message"]));
        Assert.Equal("BackoffLimitExceeded", Str(Condition(status, "FailureTarget")!["reason"]));
        Assert.Null(status["completionTime"]);
        Assert.Contains("Job has reached the specified backoff limit", EventMessages(_h, "BackoffLimitExceeded"));

        await _h.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(3, Pods(_h).Count); // failed pods are kept; no more retries
    }

    [Fact]
    public async Task RunsCompletionsWithAtMostParallelismPods()
    {
        await StartAsync("\"completions\":5,\"parallelism\":2,");
        var maxActive = 0;
        for (var round = 0; round < 5 && Running().Count > 0; round++)
        {
            var running = Running();
            maxActive = Math.Max(maxActive, running.Count);
            foreach (var pod in running)
                await SetPodStatusAsync(_h, "default", Name(pod), "Succeeded", ready: false);
        }
        Assert.Equal(2, maxActive);
        Assert.Equal(5, Pods(_h).Count);
        var status = Status();
        Assert.Equal(5, Int(status["succeeded"]));
        Assert.Equal("CompletionsReached", Str(Condition(status, "Complete")!["reason"]));
        Assert.Equal("True", Str(Condition(status, "SuccessCriteriaMet")!["status"]));
        Assert.NotNull(status["completionTime"]);
        Assert.NotNull(status["startTime"]);
        Assert.Equal(["Job completed"], EventMessages(_h, "Completed"));
        Assert.Equal(5, EventMessages(_h, "SuccessfulCreate").Count);
    }

    [Fact]
    public async Task ReadyCountFollowsPods()
    {
        await StartAsync("\"parallelism\":2,\"completions\":2,");
        await ReadyAsync(_h, "default", PodNames(_h)[0]);
        Assert.Equal(2, Int(Status()["active"]));
        Assert.Equal(1, Int(Status()["ready"]));
    }

    [Fact]
    public async Task ActiveDeadlineFailsTheJobAndStopsItsPods()
    {
        await StartAsync("\"activeDeadlineSeconds\":30,");
        await ReadyAsync(_h, "default", PodNames(_h)[0]);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Single(Pods(_h));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(Pods(_h));
        var failed = Condition(Status(), "Failed")!;
        Assert.Equal("DeadlineExceeded", Str(failed["reason"]));
        Assert.Equal("Job was active longer than specified deadline", Str(failed["message"]));
    }

    [Fact]
    public async Task IndexedJobsGiveEachPodItsIndex()
    {
        await StartAsync("\"completions\":3,\"parallelism\":3,\"completionMode\":\"Indexed\",");
        var pods = Pods(_h);
        Assert.Equal(3, pods.Count);
        var byIndex = pods.ToDictionary(p => Str(p["metadata"]!["annotations"]!["batch.kubernetes.io/job-completion-index"])!);
        Assert.Equal(["0", "1", "2"], byIndex.Keys.Order());
        var one = byIndex["1"];
        Assert.Matches("^pi-1-[a-z0-9]{5}$", Name(one));
        Assert.Equal("pi-1", Str(one["spec"]!["hostname"]));
        var env = one["spec"]!["containers"]![0]!["env"]![0]!;
        Assert.Equal("JOB_COMPLETION_INDEX", Str(env["name"]));
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", Str(env["valueFrom"]!["fieldRef"]!["fieldPath"]));

        await SetPodStatusAsync(_h, "default", Name(one), "Succeeded", ready: false);
        await SetPodStatusAsync(_h, "default", Name(byIndex["2"]), "Succeeded", ready: false);
        Assert.Equal("1-2", Str(Status()["completedIndexes"]));
        await SetPodStatusAsync(_h, "default", Name(byIndex["0"]), "Failed", ready: false);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(10));
        var retry = Assert.Single(Running());
        Assert.StartsWith("pi-0-", Name(retry));
        await SetPodStatusAsync(_h, "default", Name(retry), "Succeeded", ready: false);
        Assert.Equal("0-2", Str(Status()["completedIndexes"]));
        Assert.NotNull(Condition(Status(), "Complete"));
    }

    [Fact]
    public async Task FinishedJobIsDeletedAfterItsTtl()
    {
        await StartAsync("\"ttlSecondsAfterFinished\":60,");
        await SetPodStatusAsync(_h, "default", PodNames(_h)[0], "Succeeded", ready: false);
        Assert.NotNull(_h.Client.Peek(Jobs, "default", "pi"));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.NotNull(_h.Client.Peek(Jobs, "default", "pi"));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Null(_h.Client.Peek(Jobs, "default", "pi"));
    }

    [Fact]
    public async Task SuspendStopsPodsAndResumeStartsThem()
    {
        await StartAsync("\"suspend\":true,");
        Assert.Empty(Pods(_h));
        Assert.Equal("JobSuspended", Str(Condition(Status(), "Suspended")!["reason"]));
        await EditAsync(_h, Jobs, "default", "pi", j => j["spec"]!["suspend"] = false);
        Assert.Single(Pods(_h));
        Assert.Equal("False", Str(Condition(Status(), "Suspended")!["status"]));
        Assert.Equal("JobResumed", Str(Condition(Status(), "Suspended")!["reason"]));
        await EditAsync(_h, Jobs, "default", "pi", j => j["spec"]!["suspend"] = true);
        Assert.Empty(Pods(_h));
    }

    [Fact]
    public async Task WorkQueueJobLetsRunningPodsFinishAfterTheFirstSuccess()
    {
        await StartAsync("\"parallelism\":3,");
        var pods = PodNames(_h);
        Assert.Equal(3, pods.Count);
        await SetPodStatusAsync(_h, "default", pods[0], "Succeeded", ready: false);
        Assert.Equal(3, Pods(_h).Count);       // no new pods, none stopped
        Assert.Equal(2, Running().Count);
        Assert.Null(Condition(Status(), "Complete"));
        await SetPodStatusAsync(_h, "default", pods[1], "Succeeded", ready: false);
        await SetPodStatusAsync(_h, "default", pods[2], "Succeeded", ready: false);
        Assert.Equal(3, Int(Status()["succeeded"]));
        Assert.NotNull(Condition(Status(), "Complete"));
    }

    [Fact]
    public void BackOffDoublesUpToSixMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), JobBackoff.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(40), JobBackoff.Delay(3));
        Assert.Equal(TimeSpan.FromMinutes(6), JobBackoff.Delay(7));
        Assert.Equal(TimeSpan.FromMinutes(6), JobBackoff.Delay(100));
        Assert.Equal("1,3-5,7", JobPods.FormatIndexes([7, 1, 3, 4, 5]));
        Assert.Equal([1, 3, 4, 5, 7], JobPods.ParseIndexes("1,3-5,7"));
    }
}
