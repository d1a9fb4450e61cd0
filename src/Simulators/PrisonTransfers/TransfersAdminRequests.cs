namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>Seeds a prisoner in prisoner search (no event).</summary>
public sealed record SeedSearchPrisonerRequest(string? NomsNumber, string? PrisonId, string? PrisonName);

/// <summary>Moves a prisoner to another prison (OUT: released, TRN: in transit), then raises prisoner.updated with LOCATION.</summary>
public sealed record MovePrisonerRequest(string? PrisonId, string? PrisonName);

/// <summary>Allocates a primary POM in a prison, then raises offender-management.allocation.changed.</summary>
public sealed record AllocatePomRequest(long? StaffCode, string? Forename, string? Surname, string? PrisonCode);

/// <summary>Merges <see cref="RemovedNomsNumber"/> into <see cref="NomsNumber"/>, then raises prison-offender-events.prisoner.merged.</summary>
public sealed record MergePrisonersRequest(string? RemovedNomsNumber, string? NomsNumber, long? BookingId);
