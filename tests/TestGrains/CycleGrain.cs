namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class CycleGrain : Grain, ICycleGrain
{
    Task<string> ICycleGrain.CallAsync(string[] path) => path.Length == 0
        ? Task.FromResult(GrainId.Key)
        : GrainFactory.GetGrain<ICycleGrain>(path[0]).CallAsync(path[1..]);
}
