
namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class CounterGrain(Probe probe) : Grain, ICounterGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate:{GrainId.Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GrainId.Key}:{reason}");
        return Task.CompletedTask;
    }

    async Task<int> ICounterGrain.IncrementAsync(int holdMilliseconds)
    {
        using (probe.EnterTurn())
        {
            var before = _count;
            await Task.Delay(holdMilliseconds);
            _count = before + 1;
            return _count;
        }
    }

    Task<int> ICounterGrain.GetAsync() => Task.FromResult(_count);

    ValueTask<string> ICounterGrain.EchoAsync(string text) => ValueTask.FromResult($"{GrainId.Key}:{text}");

    ValueTask ICounterGrain.PingAsync() => ValueTask.CompletedTask;

    Task ICounterGrain.FailAsync(string message) => throw new InvalidOperationException(message);

    Task ICounterGrain.DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
