namespace OrleansSync.Simulators.Tenure;

/// <summary>The caller of the tenure API, from its JWT (<c>User</c> of EntityEventSns).</summary>
public sealed record TenureEventUser(string? Name, string? Email);

/// <summary>The old and new values an event carries (<c>EventData</c> of EntityEventSns).</summary>
public sealed record TenureEventData(object? OldData, object? NewData);

/// <summary>
/// Hackney.Core.Sns EntityEventSns as the tenure API publishes it (contracts §1): a new id and a new
/// correlation id per event, EntityId the tenure's id, the caller from the token.
/// </summary>
public sealed record TenureEntityEvent(
    Guid Id,
    string EventType,
    string SourceDomain,
    string SourceSystem,
    string Version,
    Guid CorrelationId,
    DateTime DateTime,
    TenureEventUser User,
    Guid EntityId,
    TenureEventData EventData);
