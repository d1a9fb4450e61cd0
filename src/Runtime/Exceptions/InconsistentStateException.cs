namespace OrleansSync.Runtime;

/// <summary>A state write was based on a stale version: another writer got there first. The activation is deactivated so its next call reloads.</summary>
public sealed class InconsistentStateException(string message) : Exception(message);
