using System.Diagnostics;

namespace OrleansSync.Testing;

/// <summary>
/// Waits for something asynchronous to become true (a reminder fired, a stream drained, a lease
/// moved) by polling with a deadline, instead of sleeping for a guessed time: fast when the system
/// is fast, and a clear failure when it never happens.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="condition"/> until it returns true or <paramref name="timeout"/> has
    /// passed, then throws a <see cref="TimeoutException"/> that says <paramref name="because"/>.
    /// An exception from the condition counts as "not yet" (the system may be mid-change) and is
    /// attached to the timeout if it was the last answer. <paramref name="state"/>, when given, says
    /// where things stood at the deadline, so a timeout tells where a flow stopped.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, Func<Task<string>>? state = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var stopwatch = Stopwatch.StartNew();
        var delay = FirstDelay;
        var attempts = 0;
        Exception? lastError;
        while (true)
        {
            attempts++;
            try
            {
                if (await condition())
                {
                    return;
                }

                lastError = null;
            }
            catch (Exception error)
            {
                lastError = error;
            }

            // Checked after the attempt so the condition is always tried once more at the deadline.
            var remaining = timeout - stopwatch.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                var lastAnswer = lastError is null ? "false" : $"{lastError.GetType().Name}: {lastError.Message}";
                var stood = state is null ? "" : $" State then: {await DescribeAsync(state)}";
                throw new TimeoutException(
                    $"Expected {because}, but it did not happen within {timeout.TotalSeconds:0.###} s ({attempts} checks; last answer: {lastAnswer}).{stood}",
                    lastError);
            }

            await Task.Delay(delay < remaining ? delay : remaining);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }
    }

    private static async Task<string> DescribeAsync(Func<Task<string>> state)
    {
        try
        {
            return await state();
        }
        catch (Exception error)
        {
            return $"unreadable ({error.GetType().Name}: {error.Message})";
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan, string, Func{Task{string}})"/>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), timeout, because);
    }
}
