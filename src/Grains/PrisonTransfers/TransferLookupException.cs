namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Prisoner search or the POM service could not be read (down, timed out, an unexpected answer); the event is retried.</summary>
public sealed class TransferLookupException(string message, Exception? inner = null) : Exception(message, inner);
