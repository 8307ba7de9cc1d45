using System.Diagnostics;
using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>
/// Runs the real kubectl against <see cref="KubectlStubServer"/> and decodes what it sends; fails loudly without kubectl.
/// </summary>
public sealed class KubectlLiveCaptureTests
{
    private const string Kubectl = "/usr/bin/kubectl";

    [Fact]
    public async Task KubectlCreate_SendsProtobufWeDecode()
    {
        Assert.True(File.Exists(Kubectl), $"{Kubectl} is required (every machine of this project has kubectl 1.32); nothing real is skipped");
        await using var server = new KubectlStubServer();
        var cache = Directory.CreateTempSubdirectory("edgeorch-kubectl-cache");
        try
        {
            string[][] commands =
            [
                ["create", "namespace", "live-ns"],
                ["create", "configmap", "live-cm", "-n", "live-ns", "--from-literal=greeting=hello"],
                ["create", "deployment", "live-web", "-n", "live-ns", "--image=nginx:alpine", "--replicas=3", "--port=8080"],
                ["create", "cronjob", "live-cj", "-n", "live-ns", "--image=busybox", "--schedule=0 * * * *", "--", "date"],
                ["create", "rolebinding", "live-rb", "-n", "live-ns", "--clusterrole=view", "--user=carol"],
                ["create", "ingress", "live-ing", "-n", "live-ns", "--rule=example.com/api*=api:80"],
            ];
            foreach (var args in commands)
                await RunAsync(server.Url, cache.FullName, args);

            List<(string Method, string Target, string? ContentType, byte[] Body)> writes;
            lock (server.Writes)
                writes = [.. server.Writes];
            Assert.Equal(commands.Length, writes.Count);
            Assert.All(writes, w => Assert.True(KubernetesProtobuf.IsProtobuf(w.ContentType), $"{w.Target}: {w.ContentType}"));
            var objects = writes.Select(w => KubernetesProtobuf.Decode(w.Body)).ToList();

            Assert.Equal("live-ns", objects[0]["metadata"]!["name"]!.GetValue<string>());
            Assert.Equal("hello", objects[1]["data"]!["greeting"]!.GetValue<string>());
            var deploy = objects[2]["spec"]!;
            Assert.Equal(3, deploy["replicas"]!.GetValue<int>());
            Assert.Equal(8080, deploy["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
            Assert.Equal("0 * * * *", objects[3]["spec"]!["schedule"]!.GetValue<string>());
            Assert.Equal("view", objects[4]["roleRef"]!["name"]!.GetValue<string>());
            Assert.Equal("carol", objects[4]["subjects"]![0]!["name"]!.GetValue<string>());
            var path = objects[5]["spec"]!["rules"]![0]!["http"]!["paths"]![0]!;
            Assert.Equal("/api", path["path"]!.GetValue<string>());
            Assert.Equal("Prefix", path["pathType"]!.GetValue<string>());
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string server, string cacheDir, string[] args)
    {
        var start = new ProcessStartInfo(Kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KUBECONFIG"] = Path.Combine(cacheDir, "no-kubeconfig");
        foreach (var a in (string[])["--server", server, "--cache-dir", cacheDir, .. args])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {await stderr} {await stdout}");
    }
}
