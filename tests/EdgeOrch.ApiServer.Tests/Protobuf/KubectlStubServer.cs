using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Protobuf;

namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>
/// A minimal plain-HTTP/1.1 API server for kubectl: legacy discovery for the built-in kinds, and every write recorded
/// and answered with the decoded object (so kubectl prints "kind/name created"). Used to capture what kubectl sends.
/// </summary>
internal sealed class KubectlStubServer : IAsyncDisposable
{
    private static readonly (string GroupVersion, (string Resource, string Kind, bool Namespaced)[] Resources)[] Discovery =
    [
        ("v1", [("namespaces", "Namespace", false), ("configmaps", "ConfigMap", true), ("secrets", "Secret", true),
            ("serviceaccounts", "ServiceAccount", true), ("services", "Service", true), ("pods", "Pod", true)]),
        ("apps/v1", [("deployments", "Deployment", true)]),
        ("batch/v1", [("jobs", "Job", true), ("cronjobs", "CronJob", true)]),
        ("rbac.authorization.k8s.io/v1", [("roles", "Role", true), ("rolebindings", "RoleBinding", true)]),
        ("networking.k8s.io/v1", [("ingresses", "Ingress", true)]),
        ("scheduling.k8s.io/v1", [("priorityclasses", "PriorityClass", false)]),
    ];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public KubectlStubServer()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Write requests seen so far: method, path and query, content type, body.</summary>
    public List<(string Method, string Target, string? ContentType, byte[] Body)> Writes { get; } = [];

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int headerEnd;
                while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
                {
                    var read = await stream.ReadAsync(chunk, ct);
                    if (read == 0)
                        return;
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
                var head = Encoding.ASCII.GetString([.. buffer.GetRange(0, headerEnd)]).Split("\r\n");
                var parts = head[0].Split(' ');
                var headers = head.Skip(1).Select(h => h.Split(':', 2)).Where(h => h.Length == 2)
                    .ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
                var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l) : 0;
                buffer.RemoveRange(0, headerEnd + 4);
                while (buffer.Count < length)
                {
                    var read = await stream.ReadAsync(chunk, ct);
                    if (read == 0)
                        return;
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
                var body = buffer.GetRange(0, length).ToArray();
                buffer.RemoveRange(0, length);
                var (status, json) = Answer(parts[0], parts[1], headers.GetValueOrDefault("Content-Type"), body);
                var payload = Encoding.UTF8.GetBytes(json);
                var response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), ct);
                await stream.WriteAsync(payload, ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    private (int Status, string Json) Answer(string method, string target, string? contentType, byte[] body)
    {
        var path = target.Split('?')[0];
        if (method != "GET")
        {
            lock (Writes)
                Writes.Add((method, target, contentType, body));
            try
            {
                var obj = KubernetesProtobuf.IsProtobuf(contentType) ? KubernetesProtobuf.Decode(body) : JsonNode.Parse(body)!.AsObject();
                return (201, obj.ToJsonString());
            }
            catch (FormatException e)
            {
                return (400, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = e.Message, ["code"] = 400 }.ToJsonString());
            }
        }
        if (path == "/api")
            return (200, """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""");
        if (path == "/apis")
        {
            var groups = new JsonArray();
            foreach (var (gv, _) in Discovery.Where(d => d.GroupVersion.Contains('/')))
            {
                var version = new JsonObject { ["groupVersion"] = gv, ["version"] = gv.Split('/')[1] };
                groups.Add(new JsonObject { ["name"] = gv.Split('/')[0], ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone() });
            }
            return (200, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups }.ToJsonString());
        }
        foreach (var (gv, resources) in Discovery)
        {
            if (path != (gv == "v1" ? "/api/v1" : "/apis/" + gv))
                continue;
            var list = new JsonArray();
            foreach (var (resource, kind, namespaced) in resources)
            {
                list.Add(new JsonObject
                {
                    ["name"] = resource, ["singularName"] = kind.ToLowerInvariant(), ["namespaced"] = namespaced, ["kind"] = kind,
                    ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
                });
            }
            return (200, new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = gv, ["resources"] = list }.ToJsonString());
        }
        return (404, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
