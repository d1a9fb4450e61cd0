using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>Body of <c>PATCH /incentive/levels/{code}</c> (incentives-api IncentiveLevelUpdate): every field optional.</summary>
public sealed record UpdateIncentiveLevelRequest(string? Name, bool? Active, bool? Required)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Name is not null && (string.IsNullOrWhiteSpace(Name) || Name.Length > CreateIncentiveLevelRequest.MaxNameLength))
        {
            errors["name"] = [$"Must be 1 to {CreateIncentiveLevelRequest.MaxNameLength} characters."];
        }

        return errors;
    }

    public IncentiveLevelUpdate ToUpdate() => new(Name?.Trim(), Active, Required);
}
