using System.Diagnostics;
using System.Threading.Channels;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>
/// A long-running child process (e.g. `kubectl get -w`) whose stdout lines can be awaited one by one.
/// Disposing kills it by PID.
/// </summary>
public sealed class LineStream : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly OutputLog _all = new(1000);

    public LineStream(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }
            _all.Add("[out] ", e.Data);
            _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) => _all.Add("[err] ", e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far (stdout and stderr), for failure messages.</summary>
    public string Transcript => _all.Tail(200);

    /// <summary>Reads lines until one matches; throws with the transcript if none does within the timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No line showing {what} within {timeout.TotalSeconds} s. Output:\n{Transcript}");
        }
        throw new InvalidOperationException($"The process ended before printing {what}. Output:\n{Transcript}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Posix.Signal(_process.Id, Posix.SigKill);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
