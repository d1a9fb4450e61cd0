namespace OrleansSync.Runtime.Tests.TestGrains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls the grain named <paramref name="next"/>, passing the rest of the path on.</summary>
    Task<string> CallAsync(string[] path);
}
