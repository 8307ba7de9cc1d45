using System.Globalization;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Quantities;
using EdgeOrch.Controllers.SimNodes;
using Microsoft.Extensions.Logging;
using Serilog;

namespace EdgeOrch.Cli;

/// <summary>`edgeorch sim-nodes`: simulated nodes for tests and scale benchmarks, over HTTPS with a kubeconfig.</summary>
public static class SimNodesCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("kubeconfig", true, "Kubeconfig of the cluster to join (required)", null, "FILE"),
        new("count", true, "Number of nodes to simulate (required)", null, "N"),
        new("cpu", true, "CPU capacity of each node", "4", "C"),
        new("memory", true, "Memory capacity of each node", "8Gi", "M"),
        new("pods", true, "Pod capacity of each node", "110", "P"),
        new("name-prefix", true, "Node names are PREFIX-0, PREFIX-1, ...", "sim", "PREFIX"),
        new("log-level", true, "trace, debug, info, warn or error", "info", "LEVEL"),
    ];

    public const string Usage = "edgeorch sim-nodes --kubeconfig FILE --count N [--cpu C --memory M --pods P] [--name-prefix sim]";
    public const string Summary = "Registers N simulated nodes that heartbeat through Leases and report their pods Running and Ready " +
                                  "(no containers run). For tests and benchmarks; stops on Ctrl+C.";

    public static async Task<int> RunAsync(ParsedOptions options)
    {
        var simulation = Parse(options);
        var kubeconfig = options.Get("kubeconfig") ?? throw new CliException("--kubeconfig is required");
        if (!File.Exists(kubeconfig))
            throw new CliException($"kubeconfig \"{kubeconfig}\" does not exist");

        var level = Hosting.Logging.ParseLevel(options.Get("log-level"));
        await using var log = new LoggerConfiguration().MinimumLevel.Is(level)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        using var loggers = LoggerFactory.Create(b => b.AddSerilog(log));
        using var client = HttpApiClient.FromKubeconfig(kubeconfig, userAgent: "edgeorch-sim-nodes");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await SimNodesRunner.RunAsync(client, simulation, loggers, TimeProvider.System, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (ApiClientException e)
        {
            log.Error("sim-nodes: {Message}", e.Message);
            return 1;
        }
        return 0;
    }

    internal static SimNodeOptions Parse(ParsedOptions options)
    {
        var countText = options.Get("count") ?? throw new CliException("--count is required");
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new CliException($"--count must be a positive number, got \"{countText}\"");
        var podsText = options.Get("pods") ?? "110";
        if (!int.TryParse(podsText, NumberStyles.None, CultureInfo.InvariantCulture, out var pods) || pods < 1)
            throw new CliException($"--pods must be a positive number, got \"{podsText}\"");
        var cpu = options.Get("cpu") ?? "4";
        var memory = options.Get("memory") ?? "8Gi";
        foreach (var (flag, value) in new[] { ("cpu", cpu), ("memory", memory) })
            if (!Quantity.TryParse(value, out var q) || q.Sign <= 0)
                throw new CliException($"--{flag} must be a positive quantity, got \"{value}\"");
        var prefix = options.Get("name-prefix") ?? "sim";
        return new SimNodeOptions { Count = count, Cpu = cpu, Memory = memory, Pods = pods, NamePrefix = prefix };
    }
}
