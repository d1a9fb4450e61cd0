using Microsoft.Extensions.Hosting;

namespace OrleansSync.Testing;

/// <summary>
/// Points the host's outbound HTTP (adapters, simulators' event publishers) at its in-memory server before any
/// hosted service starts, so that not even the silo's first calls can reach a socket.
/// </summary>
internal sealed class InMemoryServerWiring(IServiceProvider services, Action<IServiceProvider, HttpMessageHandler> wire) : IHostedLifecycleService
{
    private readonly InMemoryServerHandler _handler = new(services);

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        wire(services, _handler);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _handler.Dispose();
        return Task.CompletedTask;
    }
}
