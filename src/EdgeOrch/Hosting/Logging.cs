using Serilog;
using Serilog.Events;

namespace EdgeOrch.Hosting;

/// <summary>
/// Serilog to the console and to a size-capped rotating file in the data dir: on an SD card an unbounded log is a
/// slow disk failure, so the file rolls at 5 MB and keeps three.
/// </summary>
public static class Logging
{
    public const long FileSizeLimitBytes = 5 * 1024 * 1024;
    public const int RetainedFiles = 3;

    public static Serilog.Core.Logger Create(string logDirectory, LogEventLevel level)
    {
        Directory.CreateDirectory(logDirectory);
        return new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(Path.Combine(logDirectory, "edgeorch.log"),
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFiles,
                flushToDiskInterval: TimeSpan.FromSeconds(5),
                buffered: true)
            .CreateLogger();
    }

    public static LogEventLevel ParseLevel(string? text) => text?.ToLowerInvariant() switch
    {
        null or "info" or "information" => LogEventLevel.Information,
        "debug" => LogEventLevel.Debug,
        "trace" or "verbose" => LogEventLevel.Verbose,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new Cli.CliException($"--log-level must be one of trace, debug, info, warn, error; got \"{text}\""),
    };
}
