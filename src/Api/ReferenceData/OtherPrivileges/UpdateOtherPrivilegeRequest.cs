using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Api.ReferenceData.OtherPrivileges;

/// <summary>Body of <c>PATCH /incentive/other-privileges/{code}</c>: every field optional.</summary>
public sealed record UpdateOtherPrivilegeRequest(string? Description, bool? Active, int? Sequence)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Description is not null && (string.IsNullOrWhiteSpace(Description) || Description.Trim().Length > OtherPrivilegeCode.MaxDescriptionLength))
        {
            errors["description"] = [$"Must be 1 to {OtherPrivilegeCode.MaxDescriptionLength} characters."];
        }

        if (Sequence < 1)
        {
            errors["sequence"] = ["Must be at least 1."];
        }

        return errors;
    }

    public OtherPrivilegeUpdate ToUpdate() => new(Description?.Trim(), Active, Sequence);
}
