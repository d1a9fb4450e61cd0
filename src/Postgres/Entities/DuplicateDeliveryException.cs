namespace OrleansSync.Postgres.Entities;

/// <summary>A unit of work found the stream messages it was consuming already consumed (a redelivery): it rolled back, and the messages count as done.</summary>
[GenerateSerializer]
public sealed class DuplicateDeliveryException(string message) : Exception(message);
