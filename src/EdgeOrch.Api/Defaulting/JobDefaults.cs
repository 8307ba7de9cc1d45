using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Defaulting;

/// <summary>
/// The part of Job creation that needs the object's uid, which the API server assigns: unless
/// spec.manualSelector is true, Kubernetes generates the selector and labels pods with the controller uid.
/// Call after <see cref="ObjectDefaulter.Apply"/> and after the uid is set, before validation.
/// </summary>
public static class JobDefaults
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    private const string LegacyControllerUidLabel = "controller-uid";
    private const string LegacyJobNameLabel = "job-name";

    public static void GenerateSelector(JsonObject job, string uid)
    {
        var spec = job.Ensure("spec");
        if (spec.Bool("manualSelector") == true)
            return;
        var name = job.Obj("metadata")?.Str("name") ?? "";
        var labels = spec.Ensure("template").Ensure("metadata").Ensure("labels");
        labels[ControllerUidLabel] = uid;
        labels[JobNameLabel] = name;
        labels[LegacyControllerUidLabel] = uid;
        labels[LegacyJobNameLabel] = name;
        // Like Kubernetes, a selector the user gave anyway keeps its labels and gains the uid.
        var matchLabels = spec.Ensure("selector").Ensure("matchLabels");
        if (!matchLabels.ContainsKey(ControllerUidLabel))
            matchLabels[ControllerUidLabel] = uid;
    }
}
