namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>A test stream payload: a per-key sequence, and whether it is poison (fails until the test heals it).</summary>
public sealed record TestMessage(int Sequence, bool Poison = false);
