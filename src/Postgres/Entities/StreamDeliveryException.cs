namespace OrleansSync.Postgres.Entities;

/// <summary>
/// What a pulling agent on another silo is told when a delivery to an entity grain failed. The
/// grain has already counted the attempt and logged the real exception; the agent only needs to
/// know it failed, and the real one may not cross silos at all (Orleans has no codec for, say,
/// NpgsqlException, so the reply would be lost and the agent would wait out its response timeout).
/// </summary>
[GenerateSerializer]
public sealed class StreamDeliveryException(string message) : Exception(message);
