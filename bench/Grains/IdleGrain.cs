namespace OrleansSync.Bench.Grains;

/// <summary>The smallest useful grain, for measuring what an activation costs; its state is read only when asked.</summary>
public sealed class IdleGrain : Grain, IIdleGrain
{
    private int[]? _state;

    Task IIdleGrain.TouchAsync() => Task.CompletedTask;

    Task<int> IIdleGrain.LoadStateAsync()
    {
        // What an active sync grain typically holds: a few dozen fields' worth.
        _state ??= new int[64];
        return Task.FromResult(_state.Length);
    }
}
