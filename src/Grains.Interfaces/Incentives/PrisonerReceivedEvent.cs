using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// prisoner-offender-search.prisoner.received (CONTRACTS.md §1.4 "Related"): a prisoner arrived in a prison.
/// additionalInformation <c>{nomsNumber, prisonId, reason, details}</c>; the incentives side acts on new
/// admissions, readmissions and transfers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PrisonerReceivedEvent(string NomsNumber, string PrisonId, string Reason)
{
    public const string EventType = "prisoner-offender-search.prisoner.received";

    public const string NewAdmission = "NEW_ADMISSION";
    public const string Readmission = "READMISSION";
    public const string Transferred = "TRANSFERRED";

    public static bool TryParse(JsonElement element, out PrisonerReceivedEvent? parsed, out string? error)
    {
        parsed = null;
        if (JsonFields.IsMissing(element, "additionalInformation")
            || element.GetProperty("additionalInformation") is not { ValueKind: JsonValueKind.Object } information)
        {
            error = "additionalInformation is required (an object with nomsNumber, prisonId and reason).";
            return false;
        }

        var nomsNumber = JsonFields.String(information, "nomsNumber");
        var prisonId = JsonFields.String(information, "prisonId");
        var reason = JsonFields.String(information, "reason");
        error = !PrisonerNumbers.IsValid(nomsNumber) ? "additionalInformation.nomsNumber must be a NOMS number."
            : string.IsNullOrWhiteSpace(prisonId) ? "additionalInformation.prisonId is required."
            : string.IsNullOrWhiteSpace(reason) ? "additionalInformation.reason is required."
            : null;
        if (error is null)
        {
            parsed = new PrisonerReceivedEvent(nomsNumber!, prisonId!, reason!);
        }

        return error is null;
    }
}
