namespace OrleansSync.Bench.Grains;

public interface IIdleGrain : IGrainWithStringKey
{
    Task TouchAsync();

    Task<int> LoadStateAsync();
}
