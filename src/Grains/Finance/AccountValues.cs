using System.Globalization;
using System.Text.Json;
using OrleansSync.Grains.Finance.TenureApi;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// The values of an account that come from its tenure, as the finance listener fills them (the account
/// create body of the repair script, contracts §3): target type Tenure, account type Master, agreement type
/// "Master Account", every household member a primary tenant. <see cref="Fields"/> is what is compared
/// (an update that changes none of them changes nothing) and what the change log records.
/// </summary>
internal sealed record AccountValues(
    string? PaymentReference,
    string RentGroupType,
    string AgreementType,
    string AccountStatus,
    DateOnly? StartDate,
    DateOnly? EndDate,
    AccountTenure Tenure)
{
    public const string TargetType = "Tenure";
    public const string MasterAccount = "Master";
    public const string MasterAgreement = "Master Account";

    /// <summary>The account's values for <paramref name="tenure"/> as of <paramref name="today"/> (an end date passed means Ended).</summary>
    public static AccountValues FromTenure(TenureDocument tenure, DateOnly today)
    {
        var start = DateOf(tenure.StartOfTenureDate);
        var end = DateOf(tenure.EndOfTenureDate);
        var ended = tenure.Terminated?.IsTerminated == true || (end is { } e && e < today);
        var tenants = (tenure.HouseholdMembers ?? [])
            .Where(m => m.Id != Guid.Empty)
            .Select(m => new AccountTenant(m.Id, m.FullName ?? ""))
            .ToList();
        var type = tenure.TenureType is { } t ? new AccountTenureType(t.Code, t.Description) : null;
        return new AccountValues(
            string.IsNullOrWhiteSpace(tenure.PaymentReference) ? null : tenure.PaymentReference.Trim(),
            RentGroups.For(tenure.TenureType?.Code),
            MasterAgreement,
            ended ? "Ended" : "Active",
            start,
            end,
            new AccountTenure(tenure.Id.ToString("D"), type, tenure.TenuredAsset?.FullAddress, tenants));
    }

    /// <summary>The same values with the payment reference the account has when the tenure names none.</summary>
    public AccountValues WithPaymentReference(string paymentReference) => this with { PaymentReference = PaymentReference ?? paymentReference };

    /// <summary>The account's values by field, as text: what the change log and the comparison use.</summary>
    public IReadOnlyDictionary<string, string?> Fields() => new SortedDictionary<string, string?>(StringComparer.Ordinal)
    {
        ["paymentReference"] = PaymentReference,
        ["rentGroupType"] = RentGroupType,
        ["agreementType"] = AgreementType,
        ["accountStatus"] = AccountStatus,
        ["startDate"] = StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["endDate"] = EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["tenureType"] = Tenure.TenureType is { } type ? $"{type.Code} {type.Description}".Trim() : null,
        ["fullAddress"] = Tenure.FullAddress,
        ["primaryTenants"] = JoinTenants(Tenure.PrimaryTenants),
    };

    public static AccountValues Of(FinanceAccount account) => new(
        account.PaymentReference, account.RentGroupType, account.AgreementType, account.AccountStatus, account.StartDate, account.EndDate, account.Tenure);

    /// <summary>The fields whose values differ, old and new.</summary>
    public static (Dictionary<string, string?> Old, Dictionary<string, string?> New) Diff(AccountValues before, AccountValues after)
    {
        var oldValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var newValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var was = before.Fields();
        foreach (var (field, value) in after.Fields())
        {
            if (!string.Equals(was[field], value, StringComparison.Ordinal))
            {
                oldValues[field] = was[field];
                newValues[field] = value;
            }
        }

        // The tenants' ids are compared too: a person replaced by a namesake is a change.
        if (newValues.Count == 0 && JsonSerializer.Serialize(before.Tenure.PrimaryTenants) != JsonSerializer.Serialize(after.Tenure.PrimaryTenants))
        {
            oldValues["primaryTenants"] = was["primaryTenants"];
            newValues["primaryTenants"] = after.Fields()["primaryTenants"];
        }

        return (oldValues, newValues);
    }

    public static string JoinTenants(IReadOnlyList<AccountTenant> tenants) => string.Join("; ", tenants.Select(t => t.FullName));

    /// <summary>DynamoDB's default dates (0001-01-01) mean "no date".</summary>
    private static DateOnly? DateOf(DateTime? value) =>
        value is { } date && date.Year > 1 ? DateOnly.FromDateTime(date) : null;
}
