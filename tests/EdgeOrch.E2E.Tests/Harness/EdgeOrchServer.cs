using System.Diagnostics;
using System.Net;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>
/// One `edgeorch server` child process on a loopback port and a data directory. It can be stopped (SIGTERM),
/// killed (SIGKILL) and started again on the same data directory and port, which the restart tests need.
/// </summary>
public sealed class EdgeOrchServer : IDisposable
{
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("EDGEORCH_E2E_READY_TIMEOUT_S"), out var s) ? s : 15);

    private readonly OutputLog _output = new();
    private Process? _process;

    public EdgeOrchServer(string binaryPath, string dataDir, string kubeconfigPath, int port)
    {
        BinaryPath = binaryPath;
        DataDir = dataDir;
        KubeconfigPath = kubeconfigPath;
        Port = port;
    }

    public string BinaryPath { get; }
    public string DataDir { get; }
    public string KubeconfigPath { get; }
    public int Port { get; }
    public string BaseUrl => $"https://127.0.0.1:{Port}";
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;
    public TimeSpan LastStartToReady { get; private set; }

    /// <summary>Starts the process and waits until /readyz answers 200 and the kubeconfig is written.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The server is already running.");
        }
        _process?.Dispose();
        var psi = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "server", "--data-dir", DataDir, "--https-listen-port", Port.ToString(),
                     "--bind-address", "127.0.0.1", "--disable-agent", "--write-kubeconfig", KubeconfigPath,
                 })
        {
            psi.ArgumentList.Add(a);
        }

        var stopwatch = Stopwatch.StartNew();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => _output.Add("[out] ", e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add("[err] ", e.Data);
        _output.Add("[harness] ", $"starting {BinaryPath} {string.Join(' ', psi.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await WaitReadyAsync(DefaultReadyTimeout, cancellationToken);
        }
        catch
        {
            // A server that never became ready must not outlive the test (fixtures that fail to start are not disposed).
            KillHard();
            throw;
        }
        LastStartToReady = stopwatch.Elapsed;
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Readiness is probed before the kubeconfig (and so the CA) exists: accept any certificate for this probe only.
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"edgeorch server exited with code {_process.ExitCode} before becoming ready.\n{DescribeOutput()}");
            }
            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/readyz", cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && KubeconfigWritten())
                {
                    return;
                }
                lastProblem = $"/readyz answered {(int)response.StatusCode} '{Trim(body)}', kubeconfig written: {KubeconfigWritten()}";
            }
            catch (HttpRequestException ex)
            {
                lastProblem = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "/readyz timed out";
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException(
            $"edgeorch server was not ready within {timeout.TotalSeconds:0.#} s ({lastProblem}).\n{DescribeOutput()}");
    }

    private bool KubeconfigWritten() => File.Exists(KubeconfigPath) && new FileInfo(KubeconfigPath).Length > 0;

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code. Kills hard and throws on timeout.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        var process = _process ?? throw new InvalidOperationException("The server was never started.");
        if (process.HasExited)
        {
            return process.ExitCode;
        }
        Posix.Signal(process.Id, Posix.SigTerm);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            throw new TimeoutException(
                $"edgeorch server did not exit within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s of SIGTERM; killed it.\n{DescribeOutput()}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL by PID: simulates a crash or power cut of the process (not of the disk).</summary>
    public void KillHard()
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }
        Posix.Signal(process.Id, Posix.SigKill);
        process.WaitForExit(10_000);
    }

    /// <summary>Recent server output, for assertion and exception messages.</summary>
    public string DescribeOutput(int maxLines = 80) =>
        $"--- last edgeorch output (pid {_process?.Id}, data dir {DataDir}) ---\n{_output.Tail(maxLines)}\n--- end of edgeorch output ---";

    private static string Trim(string s) => s.Length > 200 ? s[..200] + "..." : s;

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                // Prefer a clean stop so the data dir is not left mid-write, but never hang a test run on it.
                Posix.Signal(_process.Id, Posix.SigTerm);
                if (!_process.WaitForExit(5_000))
                {
                    KillHard();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process?.Dispose();
    }
}
