namespace OrleansSync.Runtime.Tests.TestGrains;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<ProfileState> GetAsync();

    Task ClearAsync();
}
