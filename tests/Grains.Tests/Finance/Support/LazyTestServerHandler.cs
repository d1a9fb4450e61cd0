using Microsoft.AspNetCore.TestHost;

namespace OrleansSync.Grains.Tests.Finance.Support;

/// <summary>
/// Sends to the in-memory test server, which exists only once the host is built: registered before the
/// host starts, so even the start-up's first requests (the push backlog) reach the co-hosted simulators,
/// never a socket (where another run of the system may be listening).
/// </summary>
internal sealed class LazyTestServerHandler(Func<TestServer> server) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _invoker = new(() => new HttpMessageInvoker(server().CreateHandler()));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.Value.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _invoker.IsValueCreated)
        {
            _invoker.Value.Dispose();
        }

        base.Dispose(disposing);
    }
}
