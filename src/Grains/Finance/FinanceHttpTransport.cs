namespace OrleansSync.Grains.Finance;

/// <summary>
/// Where the finance clients' requests go: pooled sockets by default; <see cref="Handler"/> routes them
/// elsewhere (tests set the in-memory test server's handler, which has no socket). Read per request.
/// </summary>
public sealed class FinanceHttpTransport
{
    public HttpMessageHandler? Handler { get; set; }
}

/// <summary>The finance clients' primary handler: the override when one is set, sockets otherwise.</summary>
internal sealed class FinancePrimaryHandler(FinanceHttpTransport transport) : DelegatingHandler(new SocketsHttpHandler
{
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(3),
})
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (transport.Handler is { } replacement)
        {
            using var invoker = new HttpMessageInvoker(replacement, disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
