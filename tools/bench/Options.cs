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

    public const string Usage =
        "usage: edgeorch-bench [--binary PATH] [--out FILE] [--clients N] [--runs N] [--run-seconds S] " +
        "[--starts N] [--idle-seconds S] [--http1-only | --http2-only] [--skip-etcd]";

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
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }
        return o;
    }
}
