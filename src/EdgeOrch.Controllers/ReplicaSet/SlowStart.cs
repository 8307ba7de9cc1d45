namespace EdgeOrch.Controllers.ReplicaSet;

/// <summary>
/// Kubernetes' slowStartBatch: run <c>count</c> calls in batches of 1, 2, 4, ... (each batch in parallel), stopping after the
/// first batch with a failure, so a quota or admission error costs one call instead of hundreds.
/// </summary>
internal static class SlowStart
{
    public const int InitialBatchSize = 1;

    /// <returns>How many calls succeeded, and the first error (null when all succeeded).</returns>
    public static async Task<(int Succeeded, Exception? Error)> RunAsync(int count, Func<Task> call)
    {
        var remaining = count;
        var succeeded = 0;
        for (var batch = Math.Min(remaining, InitialBatchSize); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var tasks = new Task[batch];
            for (var i = 0; i < batch; i++) tasks[i] = call();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch
            {
                // Inspected below, task by task.
            }
            var failed = tasks.FirstOrDefault(t => t.IsFaulted || t.IsCanceled);
            succeeded += tasks.Count(t => t.IsCompletedSuccessfully);
            if (failed is not null)
                return (succeeded, failed.Exception?.InnerException ?? new OperationCanceledException());
            remaining -= batch;
        }
        return (succeeded, null);
    }
}
