namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// The rules of other privileges the grains check before anything is written (the API checks the request's
/// format first; these hold for any caller): code format, description length, a positive sequence.
/// </summary>
internal static class OtherPrivilegeRules
{
    public static OtherPrivilegeRefusal? Refusal(string code, string? description, int? sequence)
    {
        if (!OtherPrivilegeCode.IsValid(code))
        {
            return OtherPrivilegeRefusal.Invalid("code", "Must be 1 to 12 capital letters, digits or underscores.");
        }

        if (description is not null && (string.IsNullOrWhiteSpace(description) || description.Length > OtherPrivilegeCode.MaxDescriptionLength))
        {
            return OtherPrivilegeRefusal.Invalid("description", $"Must be 1 to {OtherPrivilegeCode.MaxDescriptionLength} characters.");
        }

        return sequence < 1 ? OtherPrivilegeRefusal.Invalid("sequence", "Must be at least 1.") : null;
    }
}
