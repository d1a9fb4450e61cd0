namespace OrleansSync.Runtime.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Increments after holding the turn for a while, so overlapping turns would be seen.</summary>
    Task<int> IncrementAsync(int holdMilliseconds);

    Task<int> GetAsync();

    ValueTask<string> EchoAsync(string text);

    ValueTask PingAsync();

    Task FailAsync(string message);

    Task DeactivateAsync();
}
