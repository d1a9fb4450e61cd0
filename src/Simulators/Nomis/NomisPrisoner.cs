namespace OrleansSync.Simulators.Nomis;

/// <summary>An offender and its bookings, oldest first; the last is the latest booking.</summary>
internal sealed class NomisPrisoner
{
    public required string PrisonerNumber { get; init; }

    /// <summary>NOMIS' internal OFFENDER_ID, handed out in order of creation.</summary>
    public required long OffenderId { get; init; }

    public List<NomisBooking> Bookings { get; } = [];

    public NomisBooking LatestBooking => Bookings[^1];
}
