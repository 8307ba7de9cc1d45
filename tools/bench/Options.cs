namespace EdgeOrch.Bench;

/// <summary>Command-line options of the benchmark runner.</summary>
internal sealed record Options
{
    public string? Binary { get; init; }
    public string Out { get; init; } = "docs/benchmarks.md";
    public int Clients { get; init; } = 16;
    public int Runs { get; init; } = 3;
    public double RunSeconds { get; init; } = 10;
    public int Starts { get; init; } = 10;
    public double IdleSeconds { get; init; } = 10;
    public int ValueBytes { get; init; } = 256;
    /// <summary>Measure edgeorch's writes over HTTP/1.1 keep-alive (one connection per client).</summary>
    public bool Http1 { get; init; } = true;

    /// <summary>Measure them over HTTP/2 as well (one TLS connection, multiplexed; what kubectl and client-go use).</summary>
    public bool Http2 { get; init; } = true;
    public bool SkipEtcd { get; init; }

    /// <summary>Which measurements to run: "api" (issue 2, the default), "controlplane" (issue 3) or "all".</summary>
    public string Scenario { get; init; } = "api";

    /// <summary>Control-plane scenario: simulated nodes, pods to schedule, Deployment replicas, runs of each.</summary>
    public int Nodes { get; init; } = 100;
    public int Pods { get; init; } = 10_000;
    public int Replicas { get; init; } = 1_000;
    public int ControlPlaneRuns { get; init; } = 3;

    public bool RunsApi => Scenario is "api" or "all";
    public bool RunsControlPlane => Scenario is "controlplane" or "all";

    public const string Usage =
        "usage: edgeorch-bench [--binary PATH] [--out FILE] [--clients N] [--runs N] [--run-seconds S] " +
        "[--starts N] [--idle-seconds S] [--http1-only | --http2-only] [--skip-etcd] [--scenario api|controlplane|all] " +
        "[--nodes N] [--pods N] [--replicas N] [--cp-runs N]";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--binary" => o with { Binary = Next() },
                "--out" => o with { Out = Next() },
                "--clients" => o with { Clients = int.Parse(Next()) },
                "--runs" => o with { Runs = int.Parse(Next()) },
                "--run-seconds" => o with { RunSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--starts" => o with { Starts = int.Parse(Next()) },
                "--idle-seconds" => o with { IdleSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--http1-only" => o with { Http1 = true, Http2 = false },
                "--http2-only" => o with { Http1 = false, Http2 = true },
                "--skip-etcd" => o with { SkipEtcd = true },
                "--scenario" => o with { Scenario = ParseScenario(Next()) },
                "--nodes" => o with { Nodes = Positive(Next()) },
                "--pods" => o with { Pods = Positive(Next()) },
                "--replicas" => o with { Replicas = Positive(Next()) },
                "--cp-runs" => o with { ControlPlaneRuns = Positive(Next()) },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }
        return o;
    }

    private static string ParseScenario(string value) => value is "api" or "controlplane" or "all"
        ? value : throw new ArgumentException($"--scenario must be api, controlplane or all, got {value}\n{Usage}");

    private static int Positive(string value) => int.TryParse(value, out var n) && n > 0
        ? n : throw new ArgumentException($"expected a positive number, got {value}\n{Usage}");
}
