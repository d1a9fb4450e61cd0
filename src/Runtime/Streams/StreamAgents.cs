using OrleansSync.Runtime.Cluster;

namespace OrleansSync.Runtime.Streams;

/// <summary>Keeps one pulling agent per owned partition: started when a partition is acquired, stopped (batch finished) when it is lost.</summary>
internal sealed class StreamAgents
{
    private readonly ConcurrentDictionary<int, PullingAgent> _agents = new();
    private readonly SiloRuntime _runtime;

    /// <summary>Shared by every agent of the silo: see <see cref="Hosting.RuntimeOptions.StreamDeliveryConcurrency"/>.</summary>
    public SemaphoreSlim Deliveries { get; }

    public StreamAgents(SiloRuntime runtime, OwnedPartitions owned, StreamQueue queue)
    {
        _runtime = runtime;
        Deliveries = new SemaphoreSlim(runtime.Options.StreamDeliveryConcurrency);
        owned.Acquired += OnAcquired;
        owned.Lost += OnLostAsync;
        queue.Appended += partition =>
        {
            if (_agents.TryGetValue(partition, out var agent))
            {
                agent.Wake();
            }
        };
    }

    /// <summary>For a crash in tests: agents stop without handing anything back.</summary>
    public Task StopAllAsync() => Task.WhenAll(_agents.Values.Select(agent => agent.StopAsync()));

    private void OnAcquired(int partition, long epoch)
    {
        var agent = new PullingAgent(partition, epoch, _runtime, Deliveries);
        if (_agents.TryAdd(partition, agent))
        {
            agent.Start();
        }
    }

    private async Task OnLostAsync(int partition, long epoch)
    {
        if (_agents.TryRemove(partition, out var agent))
        {
            await agent.StopAsync();
            _runtime.Metrics.StreamLagByPartition.TryRemove(partition, out _);
        }
    }
}
