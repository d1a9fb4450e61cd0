namespace OrleansSync.Grains.AccountingPoints;

/// <summary>A controllable unit, as much of it as the accounting point sync needs: where it is and from when.</summary>
/// <param name="Gsrn">The accounting point the unit is connected to.</param>
/// <param name="StartDate">First day of the unit (a date in Norway); the point is fetched from that day's Oslo midnight.</param>
[GenerateSerializer, Immutable]
public sealed record ControllableUnit(Guid Id, string Gsrn, DateOnly StartDate, ControllableUnitStatus Status, DateTimeOffset RecordedAt);
