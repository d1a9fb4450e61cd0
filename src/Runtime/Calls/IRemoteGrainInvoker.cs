namespace OrleansSync.Runtime.Calls;

/// <summary>Calls a grain on the silo that owns its partition. Returns null when no other silo owns it now, so the router waits and retries.</summary>
internal interface IRemoteGrainInvoker
{
    Task<RemoteAnswer?> TryInvokeAsync(GrainId grain, int partition, GrainMethod method, object?[] arguments, RequestContext context, CancellationToken cancellationToken);
}

/// <summary>A remote call's result (null for Task methods).</summary>
internal sealed record RemoteAnswer(object? Value);
