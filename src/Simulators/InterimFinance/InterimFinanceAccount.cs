namespace OrleansSync.Simulators.InterimFinance;

/// <summary>
/// An account as the interim finance solution holds it, keyed by payment reference (the reference its
/// users and the arrears applications know). <see cref="SourceVersion"/> is the hub's version of the account,
/// so an older write arriving late is refused with 409 instead of overwriting a newer one.
/// </summary>
public sealed record InterimFinanceAccount
{
    public string PaymentReference { get; init; } = "";

    public Guid AccountId { get; init; }

    public Guid TenureId { get; init; }

    public string? AccountType { get; init; }

    public string? RentGroupType { get; init; }

    public string? AgreementType { get; init; }

    public string? AccountStatus { get; init; }

    public DateTime? StartDate { get; init; }

    public DateTime? EndDate { get; init; }

    public string? TenureType { get; init; }

    public string? FullAddress { get; init; }

    public string? PrimaryTenants { get; init; }

    public long SourceVersion { get; init; }
}
