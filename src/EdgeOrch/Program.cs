return await EdgeOrch.Cli.EdgeOrchCli.RunAsync(args);
