using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store.Tests;

public sealed class CrashTests
{
    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesSigkill()
    {
        var writer = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashWriterPath").Value!;
        Assert.True(File.Exists(writer), writer);
        var directory = Path.Combine(Path.GetTempPath(), "edgeorch-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "store.db");
        try
        {
            var acknowledged = new ConcurrentQueue<string>();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(writer);
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("16");
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    acknowledged.Enqueue(line);
                    if (acknowledged.Count >= 3000)
                        enough.TrySetResult();
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            var stderr = process.StandardError.ReadToEndAsync();

            var finished = await Task.WhenAny(enough.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == enough.Task, $"the writer did not get going: {(process.HasExited ? await stderr : "timeout")}");
            process.Kill(); // SIGKILL in the middle of the storm
            await process.WaitForExitAsync(); // also drains what the writer printed before it died
            Assert.Equal(137, process.ExitCode);

            var keys = acknowledged.ToArray();
            await using (var store = await SqliteRevisionStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, BackgroundCompaction = false }, CancellationToken.None))
            {
                var missing = new List<string>();
                foreach (var key in keys)
                {
                    if (await store.GetAsync(key) is null)
                        missing.Add(key);
                }
                Assert.True(missing.Count == 0, $"{missing.Count} of {keys.Length} acknowledged keys lost, e.g. {string.Join(", ", missing.Take(5))}");
                Assert.True(store.CurrentRevision >= keys.Length);
            }

            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string)check.ExecuteScalar()!);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
