using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Api.ReferenceData.OtherPrivileges;

/// <summary>
/// Body of <c>POST /incentive/other-privileges</c> and <c>PUT /incentive/other-privileges/{code}</c>: <see cref="Code"/>
/// (1–12 capital letters, digits or underscores; on PUT it may be left out, or must be the path's) and
/// <see cref="Description"/> (1–40 characters) are required; <see cref="Active"/> defaults to true;
/// <see cref="Sequence"/> (at least 1) defaults to the end of the order on POST and is kept on PUT.
/// </summary>
public sealed record CreateOtherPrivilegeRequest(string? Code, string? Description, bool? Active, int? Sequence)
{
    public Dictionary<string, string[]> Validate(string? pathCode = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (pathCode is null && !OtherPrivilegeCode.IsValid(Code))
        {
            errors["code"] = ["Is required: 1 to 12 capital letters, digits or underscores."];
        }
        else if (pathCode is not null && Code is not null && Code != pathCode)
        {
            errors["code"] = ["Must be the privilege code of the path, or left out."];
        }

        if (string.IsNullOrWhiteSpace(Description) || Description.Trim().Length > OtherPrivilegeCode.MaxDescriptionLength)
        {
            errors["description"] = [$"Is required: 1 to {OtherPrivilegeCode.MaxDescriptionLength} characters."];
        }

        if (Sequence < 1)
        {
            errors["sequence"] = ["Must be at least 1."];
        }

        return errors;
    }
}
