using System.Runtime.InteropServices;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Sends POSIX signals by PID (Process.Kill only sends SIGKILL; a clean stop needs SIGTERM).</summary>
internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ESRCH (3): the process is already gone, which is what the caller wanted anyway.
            if (errno != 3)
            {
                throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}.");
            }
        }
    }
}
