using System.Text;

namespace EdgeOrch.ApiServer.Security;

/// <summary>
/// Writes secrets so that no other user can ever read them, not even for a moment: the file is created with its final
/// mode (never chmod-after-write), filled, flushed to disk and renamed over the target, so a reader sees either the old
/// or the new content and a crash mid-write leaves no half-written key behind.
/// </summary>
internal static class SecureFile
{
    internal const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    internal const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    internal const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory (0700) when missing; an existing one keeps its mode unless <paramref name="enforce"/>.</summary>
    internal static void EnsureDirectory(string path, bool enforce)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }
        else if (enforce && File.GetUnixFileMode(path) != PrivateDirectory)
        {
            File.SetUnixFileMode(path, PrivateDirectory);
        }
    }

    internal static void WriteAllTextAtomic(string path, string content, UnixFileMode mode)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created with the final mode; the process umask can only remove bits, never add them.
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                byte[] bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // rename(2) replaces the target atomically on the same file system.
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
