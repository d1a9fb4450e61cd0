using System.Collections.Immutable;
using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Placement;
using OrleansSync.Runtime.Streams;

namespace OrleansSync.Runtime.Calls;

/// <summary>
/// Routes a grain call: to the local catalog when this silo owns the grain's partition, to the
/// owning silo otherwise (<see cref="IRemoteGrainInvoker"/>), waiting out a partition in transit.
/// Detects call cycles before they can hang, applies the call timeout, and records metrics.
/// </summary>
internal sealed class GrainCallRouter(SiloRuntime runtime)
{
    private static readonly TimeSpan OwnershipRetryDelay = TimeSpan.FromMilliseconds(50);

    public async Task<object?> InvokeAsync(GrainId grain, GrainMethod method, object?[] arguments, StreamCheckpoint? checkpoint = null)
    {
        var chain = RequestContext.Current?.CallChain ?? ImmutableArray<GrainId>.Empty;
        if (chain.Contains(grain))
        {
            throw new GrainCallCycleException(chain, grain);
        }

        var context = new RequestContext(chain.Add(grain), checkpoint);
        var started = runtime.Time.GetTimestamp();
        var failed = false;
        try
        {
            var item = new WorkItem(method, arguments, context);
            using var timeout = new CancellationTokenSource(runtime.Options.CallTimeout);
            return await RouteAsync(grain, item, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            failed = true;
            throw new GrainCallTimeoutException(grain, method.Name, runtime.Options.CallTimeout);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            runtime.Metrics.CallCompleted(grain.Type, method.Name, runtime.Time.GetElapsedTime(started).TotalMilliseconds, failed);
        }
    }

    /// <summary>
    /// A call that another silo routed here: run it only if this silo serves the partition, else
    /// answer "not owner" so the caller looks again. The caller's chain comes with it, so cycles
    /// across silos are caught too.
    /// </summary>
    public async Task<object?> InvokeHereAsync(GrainId grain, GrainMethod method, object?[] arguments, GrainId[] callerChain)
    {
        if (callerChain.Contains(grain))
        {
            throw new GrainCallCycleException(callerChain, grain);
        }

        var partition = PartitionHash.PartitionOf(grain, runtime.PartitionCount);
        if (!runtime.Owned.TryGetEpoch(partition, out var epoch))
        {
            throw new NotOwnerException(partition);
        }

        var item = new WorkItem(method, arguments, new RequestContext([.. callerChain, grain], null));
        runtime.Catalog.Dispatch(grain, partition, epoch, item);
        return await item.Result.Task.WaitAsync(runtime.Options.CallTimeout);
    }

    /// <summary>For a call that reached an activation as it closed: route it again, as if it had just arrived.</summary>
    public void Redispatch(GrainId grain, WorkItem item) => _ = RedispatchAsync(grain, item);

    private async Task RedispatchAsync(GrainId grain, WorkItem item)
    {
        try
        {
            using var timeout = new CancellationTokenSource(runtime.Options.CallTimeout);
            item.Result.TrySetResult(await RouteAsync(grain, item, timeout.Token));
        }
        catch (Exception exception)
        {
            item.Result.TrySetException(exception);
        }
    }

    private async Task<object?> RouteAsync(GrainId grain, WorkItem item, CancellationToken cancellationToken)
    {
        var partition = PartitionHash.PartitionOf(grain, runtime.PartitionCount);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (runtime.Owned.TryGetEpoch(partition, out var epoch))
            {
                runtime.Catalog.Dispatch(grain, partition, epoch, item);
                return await item.Result.Task;
            }

            if (await runtime.RemoteInvoker.TryInvokeAsync(grain, partition, item.Method!, item.Arguments, item.Context, cancellationToken) is { } answer)
            {
                return answer.Value;
            }

            if (runtime.IsStopping)
            {
                // Waiting would only run into the timeout: this silo has handed the partition back
                // and no other silo serves it yet.
                throw new InvalidOperationException($"This silo is stopping and no other silo serves {grain} yet; retry against another silo.");
            }

            // Nobody serves the partition right now (starting, handing over, or its owner died):
            // wait for the leases to settle, within the call timeout.
            await Task.Delay(OwnershipRetryDelay, runtime.Time, cancellationToken);
        }
    }
}
