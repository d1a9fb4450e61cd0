using System.Text.RegularExpressions;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Api.PrisonTransfers;

/// <summary>
/// Body of <c>POST /cas2/applications</c>: the prisoner (<see cref="NomsNumber"/>, <see cref="Crn"/>,
/// <see cref="PersonName"/>), the user creating it and their prison (<see cref="ReferringPrisonCode"/>).
/// <see cref="Id"/> is optional; a client that sends one can repeat a create that timed out safely.
/// </summary>
public sealed partial record CreateCas2ApplicationRequest(
    Guid? Id,
    string? NomsNumber,
    string? Crn,
    string? PersonName,
    string? CreatedByUserId,
    string? CreatedByUserName,
    string? ReferringPrisonCode)
{
    public const int MaxCrnLength = 20;
    public const int MaxNameLength = 200;
    public const int MaxUserIdLength = 100;

    /// <summary>Every problem with the request, by field; empty when it is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!PrisonerNumbers.IsValid(NomsNumber))
        {
            errors["nomsNumber"] = [Cas2ApplicationsApi.NomsNumberRule];
        }

        Text(errors, "crn", Crn, MaxCrnLength);
        Text(errors, "personName", PersonName, MaxNameLength);
        Text(errors, "createdByUserId", CreatedByUserId, MaxUserIdLength);
        Text(errors, "createdByUserName", CreatedByUserName, MaxNameLength);
        if (ReferringPrisonCode is null || !PrisonCode().IsMatch(ReferringPrisonCode))
        {
            errors["referringPrisonCode"] = [Cas2ApplicationsApi.PrisonCodeRule];
        }

        if (Id == Guid.Empty)
        {
            errors["id"] = ["Must not be the empty UUID."];
        }

        return errors;
    }

    public NewCas2Application ToApplication() =>
        new(Id ?? Guid.NewGuid(), Crn!.Trim(), PersonName!.Trim(), CreatedByUserId!.Trim(), CreatedByUserName!.Trim(), ReferringPrisonCode!);

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Is required."];
        }
        else if (value.Trim().Length > maxLength)
        {
            errors[field] = [$"Must be at most {maxLength} characters."];
        }
    }

    [GeneratedRegex("^[A-Z0-9]{2,6}$")]
    internal static partial Regex PrisonCode();
}
