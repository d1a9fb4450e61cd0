namespace OrleansSync.Runtime.Streams;

/// <summary>A redelivered stream message was already processed by an earlier delivery; this delivery's writes were rolled back.</summary>
public sealed class DuplicateDeliveryException(long messageRowId)
    : Exception($"Stream message {messageRowId} was already processed; this delivery's writes were rolled back.");
