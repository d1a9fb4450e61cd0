using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Testing;

/// <summary>
/// Sends into the host's own in-memory test server, and can be handed out before the host starts. ASP.NET Core
/// starts the server after the other hosted services, so a request made while the silo starts (a reminder that
/// was due, a start-up push) waits until the host has started, rather than failing or going to a socket, where
/// another run of the system may be listening.
/// </summary>
public sealed class InMemoryServerHandler(IServiceProvider services) : HttpMessageHandler
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private HttpMessageInvoker? _invoker;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await (Volatile.Read(ref _invoker) ?? await ConnectAsync(cancellationToken)).SendAsync(request, cancellationToken);

    private async Task<HttpMessageInvoker> ConnectAsync(CancellationToken cancellationToken)
    {
        var started = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted;
        if (!started.IsCancellationRequested)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (started.Register(() => signal.TrySetResult()))
            {
                try
                {
                    await signal.Task.WaitAsync(StartDeadline, cancellationToken);
                }
                catch (TimeoutException)
                {
                    throw new HttpRequestException($"The test host did not start within {StartDeadline.TotalSeconds} s, so its in-memory server cannot take {nameof(InMemoryServerHandler)}'s request.");
                }
            }
        }

        var invoker = new HttpMessageInvoker(((TestServer)services.GetRequiredService<IServer>()).CreateHandler());
        if (Interlocked.CompareExchange(ref _invoker, invoker, null) is { } first)
        {
            invoker.Dispose();
            return first;
        }

        return invoker;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker?.Dispose();
        }

        base.Dispose(disposing);
    }
}
