namespace OrleansSync.Simulators.Nomis;

/// <summary>An offender booking (one period in custody) and its IEPs. Mutated only under the store's lock.</summary>
internal sealed class NomisBooking
{
    public required long BookingId { get; init; }

    public required string PrisonerNumber { get; init; }

    public required string PrisonId { get; set; }

    public bool Active { get; set; }

    public List<NomisIncentive> Incentives { get; } = [];

    /// <summary>nomis-prisoner-api: max(sequence) + 1, so deleting the highest sequence frees it for reuse.</summary>
    public long NextSequence() => Incentives.Count == 0 ? 1 : Incentives.Max(i => i.Sequence) + 1;

    /// <summary>NOMIS' rule: highest IEP date, then highest sequence; the time of day is ignored.</summary>
    public NomisIncentive? Current() =>
        Incentives.OrderByDescending(i => i.IepDateTime.Date).ThenByDescending(i => i.Sequence).FirstOrDefault();
}
