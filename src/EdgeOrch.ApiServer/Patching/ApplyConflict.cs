namespace EdgeOrch.ApiServer.Patching;

/// <summary>A field the applier would change while another manager owns it. <paramref name="Field"/> is the Kubernetes
/// display form, e.g. ".spec.replicas" or ".spec.template.spec.containers[name="nginx"].image".</summary>
public sealed record ApplyConflict(string Manager, string Field)
{
    /// <summary>"Apply" or "Update": how the other manager came to own the field.</summary>
    public string Operation { get; init; } = ManagedFieldsEntry.Update;

    public string? ApiVersion { get; init; }

    public string? Subresource { get; init; }

    /// <summary>The manager as Kubernetes prints it: "kubectl-client-side-apply" using apps/v1.</summary>
    public string ManagerDescription
    {
        get
        {
            string text = Quote(Manager);
            if (!string.IsNullOrEmpty(Subresource)) text += " with subresource " + Quote(Subresource);
            if (Operation == ManagedFieldsEntry.Update) text += " using " + ApiVersion;
            return text;
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
