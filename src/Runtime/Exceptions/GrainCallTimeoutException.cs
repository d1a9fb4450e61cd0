namespace OrleansSync.Runtime;

/// <summary>A grain call got no answer within the call timeout. The call may still complete.</summary>
public sealed class GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout)
    : TimeoutException($"Call to {grain}.{method} timed out after {timeout.TotalSeconds:0.###} s.");
