namespace OrleansSync.Simulators.Tests.Support;

/// <summary>Retries an async probe until it returns true or a deadline passes (no fixed sleeps in tests).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(20);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {timeout}: {because}");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }
}
