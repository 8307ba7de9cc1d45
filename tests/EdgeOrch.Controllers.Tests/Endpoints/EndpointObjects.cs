using System.Text.Json.Nodes;

namespace EdgeOrch.Controllers.Tests.Endpoints;

/// <summary>A Service with a named target port and pods in every state endpoints care about.</summary>
internal static class EndpointObjects
{
    public static JsonObject Service(string name = "web", bool selector = true, bool publishNotReady = false) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["tier"] = "front" } },
        ["spec"] = new JsonObject
        {
            ["clusterIP"] = "10.43.0.10",
            ["selector"] = selector ? new JsonObject { ["app"] = "web" } : null,
            ["publishNotReadyAddresses"] = publishNotReady,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = "http", ["protocol"] = "TCP" }),
        },
    };

    public static JsonObject Pod(string name, string? ip, bool ready, string app = "web", int containerPort = 8080, bool terminating = false)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = app } };
        if (terminating)
        {
            meta["deletionTimestamp"] = "2026-01-01T00:00:00Z";
            meta["finalizers"] = new JsonArray("example.com/hold");
        }
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        };
        if (ip is not null)
            status["podIP"] = ip;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["nodeName"] = "node-1",
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app",
                    ["image"] = "nginx",
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = containerPort, ["protocol"] = "TCP" }),
                }),
            },
            ["status"] = status,
        };
    }

    public static IEnumerable<string?> Ips(JsonNode? addresses) =>
        (addresses as JsonArray ?? []).Select(a => (string?)a!["ip"]);
}
