using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Controllers.CronJob;
using EdgeOrch.Controllers.Tests.Fakes;
using static EdgeOrch.Controllers.Tests.Workloads.Fixtures;

namespace EdgeOrch.Controllers.Tests.CronJob;

public sealed class CronJobControllerTests : IAsyncLifetime
{
    // The manual clock starts at 2025-01-01T00:00:00Z.
    private readonly ControllerHarness _h = new(ctx => new CronJobController(ctx) { DefaultZone = TimeZoneInfo.Utc });

    private EdgeOrch.Api.Resources.ResourceType CronJobs => _h.Type("batch", "v1", "cronjobs");
    private EdgeOrch.Api.Resources.ResourceType Jobs => _h.Type("batch", "v1", "jobs");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task StartAsync(string schedule, string extra = "")
    {
        Seed(_h, CronJobs, $$$"""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"hello","namespace":"default"},
             "spec":{"schedule":"{{{schedule}}}"{{{extra}}},
               "jobTemplate":{"metadata":{"labels":{"app":"hello"}},
                 "spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]} } } } } }
            """);
        await _h.StartAsync();
        await _h.SettleAsync();
    }

    private List<JsonObject> JobList() => _h.Client.PeekAll(Jobs, "default").OrderBy(Name, StringComparer.Ordinal).ToList();

    private JsonObject Status() => _h.Client.Peek(CronJobs, "default", "hello")!["status"]?.AsObject() ?? [];

    private static string MinutesName(string utc) =>
        "hello-" + (DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);

    /// <summary>Plays the Job controller: marks the Job Complete or Failed.</summary>
    private async Task FinishAsync(string name, string condition)
    {
        var job = _h.Client.Peek(Jobs, "default", name)!;
        var now = _h.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        job["status"] = new JsonObject
        {
            ["startTime"] = now,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = condition, ["status"] = "True" }),
        };
        if (condition == "Complete") job["status"]!["completionTime"] = now;
        await _h.Client.UpdateStatusAsync(Jobs, job);
        await _h.SettleAsync();
    }

    [Fact]
    public async Task CreatesAJobAtEachScheduleTime()
    {
        await StartAsync("*/5 * * * *");
        Assert.Empty(JobList());
        await _h.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(JobList());
        await _h.AdvanceAsync(TimeSpan.FromMinutes(1));

        var job = Assert.Single(JobList());
        Assert.Equal(MinutesName("2025-01-01T00:05:00Z"), Name(job));
        Assert.Equal("2025-01-01T00:05:00Z", Str(job["metadata"]!["annotations"]!["batch.kubernetes.io/cronjob-scheduled-timestamp"]));
        Assert.Equal("hello", Label(job, "app"));
        Assert.Equal("CronJob", Str(job["metadata"]!["ownerReferences"]![0]!["kind"]));
        Assert.Equal("OnFailure", Str(job["spec"]!["template"]!["spec"]!["restartPolicy"]));
        var status = Status();
        Assert.Equal("2025-01-01T00:05:00Z", Str(status["lastScheduleTime"]));
        Assert.Equal(Name(job), Str(status["active"]![0]!["name"]));
        Assert.Equal([$"Created job {Name(job)}"], EventMessages(_h, "SuccessfulCreate"));

        await FinishAsync(Name(job), "Complete");
        status = Status();
        Assert.Null(status["active"]);
        Assert.Equal("2025-01-01T00:05:00Z", Str(status["lastSuccessfulTime"]));
        Assert.Contains($"Saw completed job: {Name(job)}, condition: Complete", EventMessages(_h, "SawCompletedJob"));

        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, JobList().Count); // Allow (the default) would also have run beside an active one
    }

    [Fact]
    public async Task ForbidSkipsWhileAJobRunsAndCatchesUpAfter()
    {
        await StartAsync("*/5 * * * *", ",\"concurrencyPolicy\":\"Forbid\"");
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var first = Name(Assert.Single(JobList()));
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(JobList());
        Assert.NotEmpty(EventMessages(_h, "JobAlreadyActive"));

        // The 00:10 run was not recorded as done: it starts as soon as the running Job finishes.
        await _h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await FinishAsync(first, "Complete");
        Assert.Equal([first, MinutesName("2025-01-01T00:10:00Z")], JobList().Select(Name));
    }

    [Fact]
    public async Task ReplaceDeletesTheRunningJob()
    {
        await StartAsync("*/5 * * * *", ",\"concurrencyPolicy\":\"Replace\"");
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var first = Name(Assert.Single(JobList()));
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var second = Assert.Single(JobList());
        Assert.NotEqual(first, Name(second));
        Assert.Contains($"Deleted job {first}", EventMessages(_h, "SuccessfulDelete"));
        Assert.Equal(Name(second), Str(Assert.Single(Status()["active"]!.AsArray())!["name"]));
    }

    [Fact]
    public async Task HistoryLimitsKeepTheNewestFinishedJobs()
    {
        await StartAsync("* * * * *", ",\"successfulJobsHistoryLimit\":2,\"failedJobsHistoryLimit\":1");
        var outcomes = new[] { "Complete", "Failed", "Complete", "Failed", "Complete" };
        foreach (var outcome in outcomes)
        {
            await _h.AdvanceAsync(TimeSpan.FromMinutes(1));
            var running = JobList().Single(j => j["status"] is null);
            await FinishAsync(Name(running), outcome);
        }
        var kept = JobList().Select(Name).ToList();
        Assert.Equal([MinutesName("2025-01-01T00:03:00Z"), MinutesName("2025-01-01T00:04:00Z"), MinutesName("2025-01-01T00:05:00Z")], kept);
    }

    [Fact]
    public async Task ScheduleFollowsTheTimeZone()
    {
        await StartAsync("0 9 * * *", ",\"timeZone\":\"Europe/Berlin\"");
        await _h.AdvanceAsync(TimeSpan.FromMinutes(7 * 60 + 59));
        Assert.Empty(JobList());
        await _h.AdvanceAsync(TimeSpan.FromMinutes(1)); // 08:00Z is 09:00 in Berlin in winter
        var job = Assert.Single(JobList());
        Assert.Equal(MinutesName("2025-01-01T08:00:00Z"), Name(job));
        Assert.Equal("2025-01-01T09:00:00+01:00", Str(job["metadata"]!["annotations"]!["batch.kubernetes.io/cronjob-scheduled-timestamp"]));
    }

    [Fact]
    public async Task UnknownTimeZoneIsReported()
    {
        await StartAsync("* * * * *", ",\"timeZone\":\"Mars/Olympus_Mons\"");
        await _h.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(JobList());
        Assert.Single(EventMessages(_h, "UnknownTimeZone"), m => m.StartsWith("invalid timeZone: \"Mars/Olympus_Mons\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooManyMissedTimesRunsOnlyTheLatest()
    {
        await StartAsync("* * * * *", ",\"suspend\":true");
        _h.Clock!.Advance(TimeSpan.FromHours(3));
        await EditAsync(_h, CronJobs, "default", "hello", c => c["spec"]!["suspend"] = false);
        var job = Assert.Single(JobList());
        Assert.Equal(MinutesName("2025-01-01T03:00:00Z"), Name(job));
        Assert.Single(EventMessages(_h, "TooManyMissedTimes"), m => m.StartsWith("too many missed start times: 101.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartingDeadlineDropsRunsThatAreTooLate()
    {
        await StartAsync("0 * * * *", ",\"suspend\":true,\"startingDeadlineSeconds\":60");
        _h.Clock!.Advance(TimeSpan.FromMinutes(62));
        await EditAsync(_h, CronJobs, "default", "hello", c => c["spec"]!["suspend"] = false);
        Assert.Empty(JobList()); // 01:00 was missed by more than 60 s
        await _h.AdvanceAsync(TimeSpan.FromMinutes(58));
        Assert.Single(JobList());
    }

    [Fact]
    public async Task SuspendedCronJobsCreateNothing()
    {
        await StartAsync("* * * * *", ",\"suspend\":true");
        await _h.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Empty(JobList());
    }
}
