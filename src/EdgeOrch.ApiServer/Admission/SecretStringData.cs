using System.Text;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>Secrets accept stringData as a write-only convenience: it is folded into data (base64) and never stored.</summary>
public sealed class SecretStringData : IAdmissionPlugin
{
    public bool Handles(ResourceType type) => type is { Group: "", Plural: "secrets" };

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation != AdmissionOperation.Delete && request.Object["stringData"] is JsonObject stringData)
        {
            var data = request.Object["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in stringData)
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            request.Object["data"] = data;
            request.Object.Remove("stringData");
        }
        return ValueTask.CompletedTask;
    }

    public void Committed(AdmissionRequest request)
    {
    }
}
