using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Controllers.Workloads;

namespace EdgeOrch.Controllers.Job;

/// <summary>
/// Job status conditions with Kubernetes' types, reasons and messages. Since 1.31 a finishing Job first gets an interim
/// condition (FailureTarget or SuccessCriteriaMet) while its remaining pods terminate, then the final Failed or Complete.
/// </summary>
internal static class JobConditions
{
    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string CompletionsReached = "CompletionsReached";
    public const string BackoffMessage = "Job has reached the specified backoff limit";
    public const string DeadlineMessage = "Job was active longer than specified deadline";
    public const string CompletionsMessage = "Reached expected number of succeeded pods";

    public static JsonObject? Find(JsonObject? status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static bool IsTrue(JsonObject? status, string type) => Find(status, type).Str("status") == "True";

    /// <summary>Complete or Failed: the Job will never run a pod again.</summary>
    public static bool IsFinished(JsonObject job) =>
        IsTrue(job.Obj("status"), "Complete") || IsTrue(job.Obj("status"), "Failed");

    /// <summary>Sets a condition; the transition time moves only when the status flips.</summary>
    public static void Set(JsonObject status, string type, string conditionStatus, string reason, string message, DateTimeOffset now)
    {
        var conditions = status.Arr("conditions") ?? [];
        status["conditions"] = conditions;
        var stamp = Objects.Format(now);
        if (Find(status, type) is { } existing)
        {
            if (existing.Str("status") != conditionStatus)
                existing["lastTransitionTime"] = stamp;
            existing["status"] = conditionStatus;
            existing["lastProbeTime"] = stamp;
            existing["reason"] = reason;
            existing["message"] = message;
            return;
        }
        conditions.Add((JsonNode)new JsonObject
        {
            ["type"] = type,
            ["status"] = conditionStatus,
            ["lastProbeTime"] = stamp,
            ["lastTransitionTime"] = stamp,
            ["reason"] = reason,
            ["message"] = message,
        });
    }
}
