namespace OrleansSync.Runtime;

/// <summary>
/// A call would wait on a grain that is already waiting further up the same call chain (A → B → A).
/// Turns are not reentrant, so that call could never run; it fails at once instead of hanging until the timeout.
/// </summary>
public sealed class GrainCallCycleException : Exception
{
    public GrainCallCycleException(IReadOnlyList<GrainId> chain, GrainId target)
        : base($"Call cycle: {string.Join(" → ", chain)} → {target}. Grain turns are not reentrant.")
    {
    }

    /// <summary>Rebuilds the exception from another silo's message.</summary>
    public GrainCallCycleException(string message)
        : base(message)
    {
    }
}
