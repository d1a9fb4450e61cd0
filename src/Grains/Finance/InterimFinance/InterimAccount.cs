namespace OrleansSync.Grains.Finance.InterimFinance;

/// <summary>
/// An account as the interim finance solution's API takes it, by payment reference. <see cref="SourceVersion"/>
/// is the hub's account version: the interim side refuses an older one (409), so a late retry never undoes a newer write.
/// </summary>
public sealed record InterimAccount(
    string PaymentReference,
    Guid AccountId,
    Guid TenureId,
    string AccountType,
    string RentGroupType,
    string AgreementType,
    string AccountStatus,
    DateTime? StartDate,
    DateTime? EndDate,
    string? TenureType,
    string? FullAddress,
    string? PrimaryTenants,
    long SourceVersion)
{
    public static InterimAccount From(FinanceAccount account) => new(
        account.PaymentReference, account.Id, account.TargetId, account.AccountType, account.RentGroupType, account.AgreementType,
        account.AccountStatus, account.StartDate?.ToDateTime(TimeOnly.MinValue), account.EndDate?.ToDateTime(TimeOnly.MinValue),
        account.Tenure.TenureType?.Code, account.Tenure.FullAddress, AccountValues.JoinTenants(account.Tenure.PrimaryTenants), account.Version);
}
