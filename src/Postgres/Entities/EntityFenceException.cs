namespace OrleansSync.Postgres.Entities;

/// <summary>
/// Another activation of the grain committed since this one read the entity's version: this
/// activation is stale. Nothing it wrote in the unit of work commits; it deactivates, and the
/// work is retried on the live activation.
/// </summary>
[GenerateSerializer]
public sealed class EntityFenceException(string message) : Exception(message);
