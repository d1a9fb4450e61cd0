namespace OrleansSync.Runtime.Streams;

/// <summary>A redelivered stream message was already processed by an earlier delivery; this delivery's writes were rolled back.</summary>
public sealed class DuplicateDeliveryException(IReadOnlyList<long> messageRowIds)
    : Exception($"Stream message {string.Join(", ", messageRowIds)} was already processed; this delivery's writes were rolled back.");
