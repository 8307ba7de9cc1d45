using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Http;

/// <summary>What /version answers: the Kubernetes API level EdgeOrch speaks (kubectl warns past one minor of skew).</summary>
public static class ServerVersion
{
    public const string KubernetesMajor = "1";
    public const string KubernetesMinor = "32";

    public static string EdgeOrchVersion =>
        typeof(ServerVersion).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    public static string GitVersion => $"v{KubernetesMajor}.{KubernetesMinor}.0+edgeorch-{EdgeOrchVersion}";

    public static JsonObject ToJson() => new()
    {
        ["major"] = KubernetesMajor,
        ["minor"] = KubernetesMinor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "",
        ["goVersion"] = "",
        ["compiler"] = "dotnet-nativeaot",
        ["platform"] = $"linux/{(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64")}",
    };
}
