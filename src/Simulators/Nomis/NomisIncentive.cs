namespace OrleansSync.Simulators.Nomis;

/// <summary>A row of OFFENDER_IEP_LEVELS, keyed by (booking, sequence). Mutated only under the store's lock.</summary>
internal sealed class NomisIncentive
{
    public required long BookingId { get; init; }

    public required long Sequence { get; init; }

    public required string LevelCode { get; set; }

    public string? CommentText { get; set; }

    /// <summary>IEP_DATE + IEP_TIME; the date part decides which IEP is current.</summary>
    public required DateTime IepDateTime { get; set; }

    public required string PrisonId { get; set; }

    public string? UserId { get; set; }

    public required string AuditModule { get; set; }

    public required DateTime WhenCreated { get; init; }

    public DateTime? WhenUpdated { get; set; }
}
