using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>
/// Body of <c>POST /incentive/levels</c> and <c>PUT /incentive/levels/{code}</c> (incentives-api IncentiveLevel):
/// <see cref="Code"/> (1–6 capital letters or digits; on PUT it may be left out, or must be the path's) and
/// <see cref="Name"/> (1–30 characters) are required; <see cref="Active"/> defaults to true, <see cref="Required"/> to false.
/// </summary>
public sealed record CreateIncentiveLevelRequest(string? Code, string? Name, bool? Active, bool? Required)
{
    public const int MaxNameLength = 30;

    public Dictionary<string, string[]> Validate(string? pathCode = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (pathCode is null && !PrisonLevelKey.IsLevelCode(Code))
        {
            errors["code"] = ["Is required: 1 to 6 capital letters or digits."];
        }
        else if (pathCode is not null && Code is not null && Code != pathCode)
        {
            errors["code"] = ["Must be the level code of the path, or left out."];
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
        {
            errors["name"] = [$"Is required: 1 to {MaxNameLength} characters."];
        }

        return errors;
    }

    public IncentiveLevel ToLevel(string? pathCode = null) => new(pathCode ?? Code!, Name!.Trim(), Active ?? true, Required ?? false);
}
