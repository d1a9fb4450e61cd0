namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>
/// The part of the tenure API's TenureInformation (contracts §2) an account is made from. Every member is
/// optional: the tenure API serves what DynamoDB holds, and default dates (0001-01-01) mean "none".
/// </summary>
public sealed record TenureDocument
{
    public Guid Id { get; init; }

    public string? PaymentReference { get; init; }

    public DateTime? StartOfTenureDate { get; init; }

    public DateTime? EndOfTenureDate { get; init; }

    public TenureCode? TenureType { get; init; }

    public TenureTerminatedDocument? Terminated { get; init; }

    public TenuredAssetDocument? TenuredAsset { get; init; }

    public IReadOnlyList<HouseholdMemberDocument>? HouseholdMembers { get; init; }
}
