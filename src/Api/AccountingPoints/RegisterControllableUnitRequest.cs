namespace OrleansSync.Api.AccountingPoints;

/// <summary>
/// Body of <c>POST /controllable-units</c>. Strings, so every problem can be reported against its field
/// rather than as one unreadable binding error.
/// </summary>
/// <param name="Id">The unit's id (a GUID); a new one is assigned when omitted.</param>
/// <param name="Gsrn">The accounting point the unit is connected to (18 digits). Required.</param>
/// <param name="StartDate">First day of the unit, yyyy-MM-dd. Required.</param>
/// <param name="Status">new, active (default), inactive or terminated.</param>
public sealed record RegisterControllableUnitRequest(string? Gsrn, string? StartDate, string? Id = null, string? Status = null);
