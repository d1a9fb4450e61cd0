namespace OrleansSync.Simulators.Tenure;

/// <summary>
/// The tenure document the simulated tenure API serves at <c>GET /api/v1/tenures/{id}</c>: the part of
/// Hackney.Shared.Tenure's TenureInformation the finance flow reads (contracts §2), camelCase on the wire.
/// </summary>
public sealed record TenureInformation
{
    public Guid Id { get; init; }

    public string? PaymentReference { get; init; }

    public DateTime? StartOfTenureDate { get; init; }

    public DateTime? EndOfTenureDate { get; init; }

    public TenureCodeDescription? TenureType { get; init; }

    public TenureCodeDescription? AgreementType { get; init; }

    public bool? IsTenanted { get; init; }

    public TenureTerminated? Terminated { get; init; }

    public TenuredAsset? TenuredAsset { get; init; }

    public IReadOnlyList<HouseholdMember> HouseholdMembers { get; init; } = [];

    /// <summary>Optimistic concurrency (If-Match in the real API); advanced by every write.</summary>
    public int? VersionNumber { get; init; }
}
