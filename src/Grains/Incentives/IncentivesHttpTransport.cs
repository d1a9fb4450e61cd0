namespace OrleansSync.Grains.Incentives;

/// <summary>
/// The bottom of the incentives adapters' HTTP stack. By default a pooled <see cref="SocketsHttpHandler"/>;
/// a host whose NOMIS has no socket (the simulator inside an in-memory test server) swaps in its own
/// handler with <see cref="Use"/>, at any time, because the handler is picked per request rather than
/// captured when IHttpClientFactory builds a pipeline.
/// </summary>
public sealed class IncentivesHttpTransport : IDisposable
{
    // Connections are recycled so that a DNS change of NOMIS is seen within two minutes.
    private readonly SocketsHttpHandler _sockets = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
    private HttpMessageInvoker _invoker;

    public IncentivesHttpTransport() => _invoker = new HttpMessageInvoker(_sockets, disposeHandler: false);

    /// <summary>Sends every later request through <paramref name="handler"/> (not disposed here); null goes back to sockets.</summary>
    public void Use(HttpMessageHandler? handler) =>
        Volatile.Write(ref _invoker, new HttpMessageInvoker(handler ?? _sockets, disposeHandler: false));

    public void Dispose() => _sockets.Dispose();

    /// <summary>The primary handler for IHttpClientFactory pipelines; it forwards to whatever <see cref="Use"/> chose.</summary>
    internal HttpMessageHandler CreatePrimaryHandler() => new ForwardingHandler(this);

    private sealed class ForwardingHandler(IncentivesHttpTransport transport) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Volatile.Read(ref transport._invoker).SendAsync(request, cancellationToken);
    }
}
