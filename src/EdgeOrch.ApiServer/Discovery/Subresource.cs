namespace EdgeOrch.ApiServer.Discovery;

/// <summary>A subresource as discovery lists it: "pods/log" answers with kind Pod, "deployments/scale" with autoscaling/v1 Scale.</summary>
/// <param name="Group">Group of the response kind; null means the parent's group and version.</param>
public sealed record Subresource(string Name, string Kind, string[] Verbs, string? Group = null, string? Version = null);
