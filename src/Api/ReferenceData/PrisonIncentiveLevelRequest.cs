using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>
/// Body of <c>PUT</c> (every field but the names required) and <c>PATCH</c> (every field optional)
/// <c>/incentive/prison-levels/{prisonId}/level/{levelCode}</c>: incentives-api PrisonIncentiveLevel /
/// PrisonIncentiveLevelUpdate. Money in pence and visit orders may not be negative.
/// </summary>
public sealed record PrisonIncentiveLevelRequest(
    string? LevelCode,
    string? LevelName,
    string? PrisonId,
    bool? Active,
    bool? DefaultOnAdmission,
    int? RemandTransferLimitInPence,
    int? RemandSpendLimitInPence,
    int? ConvictedTransferLimitInPence,
    int? ConvictedSpendLimitInPence,
    int? VisitOrders,
    int? PrivilegedVisitOrders)
{
    public Dictionary<string, string[]> Validate(string prisonId, string levelCode, bool complete)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (LevelCode is not null && LevelCode != levelCode)
        {
            errors["levelCode"] = ["Must be the level code of the path, or left out."];
        }

        if (PrisonId is not null && PrisonId != prisonId)
        {
            errors["prisonId"] = ["Must be the prison of the path, or left out."];
        }

        var flags = new (string Name, bool? Value)[] { ("active", Active), ("defaultOnAdmission", DefaultOnAdmission) };
        var amounts = new (string Name, int? Value)[]
        {
            ("remandTransferLimitInPence", RemandTransferLimitInPence), ("remandSpendLimitInPence", RemandSpendLimitInPence),
            ("convictedTransferLimitInPence", ConvictedTransferLimitInPence), ("convictedSpendLimitInPence", ConvictedSpendLimitInPence),
            ("visitOrders", VisitOrders), ("privilegedVisitOrders", PrivilegedVisitOrders),
        };
        foreach (var (name, value) in flags)
        {
            if (complete && value is null)
            {
                errors[name] = ["Is required."];
            }
        }

        foreach (var (name, value) in amounts)
        {
            if (complete && value is null)
            {
                errors[name] = ["Is required."];
            }
            else if (value < 0)
            {
                errors[name] = [$"{name} cannot be negative"];
            }
        }

        return errors;
    }

    public PrisonIncentiveLevelUpdate ToUpdate() => new(Active, DefaultOnAdmission, RemandTransferLimitInPence, RemandSpendLimitInPence,
        ConvictedTransferLimitInPence, ConvictedSpendLimitInPence, VisitOrders, PrivilegedVisitOrders);
}
