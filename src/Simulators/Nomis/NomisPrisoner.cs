namespace OrleansSync.Simulators.Nomis;

/// <summary>An offender and its bookings, oldest first; the last is the latest booking.</summary>
internal sealed class NomisPrisoner
{
    public required string PrisonerNumber { get; init; }

    public List<NomisBooking> Bookings { get; } = [];

    public NomisBooking LatestBooking => Bookings[^1];
}
