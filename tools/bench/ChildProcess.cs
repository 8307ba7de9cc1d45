using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeOrch.Bench;

/// <summary>A server process the bench started; stopped by PID (SIGTERM, then SIGKILL), output kept for errors.</summary>
internal sealed partial class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    public ChildProcess(string fileName, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>SIGTERM and wait; SIGKILL after the timeout. Returns the exit code.</summary>
    public int Stop(TimeSpan? timeout = null)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var code = StopCore(timeout);
        if (code != 0 || sw.Elapsed > TimeSpan.FromSeconds(2))
        {
            Console.Error.WriteLine($"  note: pid {Pid} stopped with exit code {code} after {sw.Elapsed.TotalSeconds:0.0} s (137 = killed after the SIGTERM timeout)");
        }
        return code;
    }

    private int StopCore(TimeSpan? timeout)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            if (!_process.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds))
            {
                _ = Kill(_process.Id, 9);
                _process.WaitForExit(5000);
            }
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Stop(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
