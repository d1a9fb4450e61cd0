using System.Collections.Immutable;
using OrleansSync.Runtime.Streams;

namespace OrleansSync.Runtime.Calls;

/// <summary>
/// What travels with a call into a grain turn: the chain of grains waiting on it (for cycle
/// detection) and, for a stream delivery, the checkpoint that the turn's unit of work commits.
/// </summary>
internal sealed record RequestContext(ImmutableArray<GrainId> CallChain, StreamCheckpoint? Checkpoint)
{
    private static readonly AsyncLocal<RequestContext?> CurrentContext = new();

    public static RequestContext? Current
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }
}
