namespace OrleansSync.Runtime.Calls;

/// <summary>A call reached a silo that does not serve the grain's partition (any more); the caller re-routes.</summary>
internal sealed class NotOwnerException(int partition) : Exception($"This silo does not serve partition {partition}.");
