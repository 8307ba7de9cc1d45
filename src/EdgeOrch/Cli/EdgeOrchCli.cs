namespace EdgeOrch.Cli;

/// <summary>The verbs of the one edgeorch binary, in k3s's spirit.</summary>
public static class EdgeOrchCli
{
    private const string TopHelp = """
        EdgeOrch: a Kubernetes-compatible orchestrator for edge devices, in one binary.

        Usage: edgeorch <verb> [flags]

        Verbs:
          server       Run the API server on its embedded store (writes a kubeconfig for kubectl)
          kubeconfig   Print the admin kubeconfig of a server's data dir
          sim-nodes    Simulate nodes against a cluster (tests and benchmarks only)
          version      Print the version

        Run 'edgeorch <verb> --help' for the flags of a verb.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(TopHelp);
            return args.Length == 0 ? 2 : 0;
        }
        var verb = args[0];
        var rest = args.AsSpan(1).ToArray();
        try
        {
            switch (verb)
            {
                case "server":
                {
                    var options = ParsedOptions.Parse(verb, rest, ServerCommand.Options);
                    if (options.HelpRequested)
                        return Help(ServerCommand.Usage, ServerCommand.Summary, ServerCommand.Options);
                    NoPositionals(verb, options);
                    return await ServerCommand.RunAsync(options);
                }
                case "version" or "--version":
                {
                    var options = ParsedOptions.Parse("version", rest, VersionCommand.Options);
                    if (options.HelpRequested)
                        return Help("edgeorch version", "Prints the version of edgeorch and of the Kubernetes API it serves.", VersionCommand.Options);
                    NoPositionals(verb, options);
                    return VersionCommand.Run();
                }
                case "kubeconfig":
                {
                    var options = ParsedOptions.Parse(verb, rest, KubeconfigCommand.Options);
                    if (options.HelpRequested)
                        return Help("edgeorch kubeconfig [--data-dir DIR]", "Prints the admin kubeconfig written by the server.", KubeconfigCommand.Options);
                    NoPositionals(verb, options);
                    return KubeconfigCommand.Run(options);
                }
                case "sim-nodes":
                {
                    var options = ParsedOptions.Parse(verb, rest, SimNodesCommand.Options);
                    if (options.HelpRequested)
                        return Help(SimNodesCommand.Usage, SimNodesCommand.Summary, SimNodesCommand.Options);
                    NoPositionals(verb, options);
                    return await SimNodesCommand.RunAsync(options);
                }
                default:
                    Console.Error.WriteLine($"edgeorch: unknown verb \"{verb}\"\n");
                    Console.Error.WriteLine(TopHelp);
                    return 2;
            }
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"edgeorch {verb}: {e.Message}");
            Console.Error.WriteLine($"Run 'edgeorch {verb} --help' for usage.");
            return 2;
        }
    }

    private static int Help(string usage, string summary, IReadOnlyList<OptionSpec> specs)
    {
        Console.WriteLine(HelpText.For(usage, summary, specs));
        return 0;
    }

    private static void NoPositionals(string verb, ParsedOptions options)
    {
        if (options.Positionals.Count > 0)
            throw new CliException($"unexpected argument \"{options.Positionals[0]}\" for 'edgeorch {verb}'");
    }
}
