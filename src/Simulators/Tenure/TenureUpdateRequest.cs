namespace OrleansSync.Simulators.Tenure;

/// <summary>An admin update of a tenure, as a housing officer makes it in Manage My Home: only the members sent change.</summary>
public sealed record TenureUpdateRequest
{
    public string? PaymentReference { get; init; }

    public DateTime? StartOfTenureDate { get; init; }

    public DateTime? EndOfTenureDate { get; init; }

    public TenureCodeDescription? TenureType { get; init; }

    public TenureTerminated? Terminated { get; init; }

    /// <summary>A new address of the tenured asset.</summary>
    public string? FullAddress { get; init; }
}
