namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Where the adapter client's requests go. By default a pooled <see cref="SocketsHttpHandler"/>; setting
/// <see cref="Handler"/> routes them elsewhere. The in-process test host has no socket for the co-hosted
/// simulator, so tests set it to <c>factory.Server.CreateHandler()</c> once the host is built; it is read
/// per request, so it also applies to clients created before it was set.
/// </summary>
public sealed class DatahubAdapterTransport
{
    public HttpMessageHandler? Handler { get; set; }
}

/// <summary>The adapter client's primary handler: the override when one is set, sockets otherwise.</summary>
internal sealed class DatahubAdapterPrimaryHandler(DatahubAdapterTransport transport) : DelegatingHandler(new SocketsHttpHandler
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
