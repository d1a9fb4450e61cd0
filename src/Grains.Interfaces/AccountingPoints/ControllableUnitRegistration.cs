namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Creates or updates a controllable unit. A unit stays on the point it was registered for.</summary>
[GenerateSerializer, Immutable]
public sealed record ControllableUnitRegistration(string Gsrn, DateOnly StartDate, ControllableUnitStatus Status);
