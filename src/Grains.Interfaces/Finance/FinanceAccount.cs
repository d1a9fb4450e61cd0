namespace OrleansSync.Grains.Finance;

/// <summary>
/// A tenure's finance account (account-api's Account, contracts §3): one per tenure and account type.
/// <see cref="Version"/> counts the account's changes (1 when created); the push sends it as the interim
/// solution's source version.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FinanceAccount(
    Guid Id,
    string PaymentReference,
    string TargetType,
    Guid TargetId,
    string AccountType,
    string RentGroupType,
    string AgreementType,
    string AccountStatus,
    DateOnly? StartDate,
    DateOnly? EndDate,
    decimal AccountBalance,
    decimal ConsolidatedBalance,
    AccountTenure Tenure,
    string CreatedBy,
    string LastUpdatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    long Version);
