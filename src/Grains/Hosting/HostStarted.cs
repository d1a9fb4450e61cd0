using Microsoft.Extensions.Hosting;

namespace OrleansSync.Grains.Hosting;

/// <summary>
/// Start-up tasks that call grains wait for the host to have started: the Orleans silo is one of the
/// host's services, and a grain call before it runs would fail.
/// </summary>
public static class HostStarted
{
    /// <summary>Completes once the host has started; cancelled with <paramref name="cancellationToken"/> if it stops first.</summary>
    public static Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var onCancelled = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        return started.Task.ContinueWith(
            task =>
            {
                onStarted.Dispose();
                onCancelled.Dispose();
                return task;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
