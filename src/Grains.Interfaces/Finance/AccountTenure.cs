namespace OrleansSync.Grains.Finance;

/// <summary>The account's denormalised copy of its tenure (contracts §3 <c>Tenure</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountTenure(string TenureId, AccountTenureType? TenureType, string? FullAddress, IReadOnlyList<AccountTenant> PrimaryTenants);
